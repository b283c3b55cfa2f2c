package org.mapwright.ui.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The model fragment is registered and fits the application model: the command and handler go to
 * the application, the menu item into the File menu after an item that exists, and the handler's
 * class loads from this bundle.
 */
class FragmentTest {

    @Test
    void theFragmentExtendsElementsOfTheApplicationModel() throws Exception {
        Bundle bundle = FrameworkUtil.getBundle(ExportProjectHandler.class);
        URL plugin = bundle.getEntry("plugin.xml");
        assertNotNull(plugin, "plugin.xml is in the bundle");
        Element ext = (Element) parse(plugin.openStream()).getElementsByTagName("extension").item(0);
        assertEquals("org.eclipse.e4.workbench.model", ext.getAttribute("point"));
        Element fragment = (Element) ext.getElementsByTagName("fragment").item(0);
        assertEquals("always", fragment.getAttribute("apply"));
        URL uri = bundle.getEntry(fragment.getAttribute("uri"));
        assertNotNull(uri, "the fragment file is in the bundle");
        Document frag = parse(uri.openStream());

        String repo = System.getProperty("mapwright.repo");
        Assumptions.assumeTrue(repo != null, "mapwright.repo is not set: cannot read Application.e4xmi");
        Path appModel = Path.of(repo, "bundles/org.mapwright.app/Application.e4xmi");
        Assumptions.assumeTrue(Files.isRegularFile(appModel), appModel + " is missing");
        Set<String> ids = new HashSet<>();
        NodeList all = parse(Files.newInputStream(appModel)).getElementsByTagName("*");
        for (int i = 0; i < all.getLength(); i++) {
            ids.add(((Element) all.item(i)).getAttribute("elementId"));
        }
        NodeList fragments = frag.getElementsByTagName("fragments");
        assertEquals(3, fragments.getLength());
        for (int i = 0; i < fragments.getLength(); i++) {
            Element f = (Element) fragments.item(i);
            assertTrue(ids.contains(f.getAttribute("parentElementId")), "the application model has " + f.getAttribute("parentElementId"));
            String position = f.getAttribute("positionInList");
            if (!position.isEmpty()) {
                assertTrue(ids.contains(position.substring(position.indexOf(':') + 1)), position);
            }
        }
        NodeList elements = frag.getElementsByTagName("elements");
        String prefix = "bundleclass://" + bundle.getSymbolicName() + "/";
        for (int i = 0; i < elements.getLength(); i++) {
            String contribution = ((Element) elements.item(i)).getAttribute("contributionURI");
            if (!contribution.isEmpty()) {
                assertTrue(contribution.startsWith(prefix), contribution);
                assertEquals(ExportProjectHandler.class, bundle.loadClass(contribution.substring(prefix.length())));
            }
            assertTrue(!ids.contains(((Element) elements.item(i)).getAttribute("elementId")), "a new element id");
        }
    }

    private static Document parse(InputStream in) throws Exception {
        try (in) {
            return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in);
        }
    }
}
