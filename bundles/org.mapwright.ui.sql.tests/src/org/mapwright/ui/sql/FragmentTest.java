package org.mapwright.ui.sql;

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
 * The model fragment is registered and fits the application model: every element it extends or
 * imports exists in Application.e4xmi, and its part's class loads from this bundle.
 */
class FragmentTest {

    @Test
    void theFragmentExtendsElementsOfTheApplicationModel() throws Exception {
        Bundle bundle = FrameworkUtil.getBundle(SqlConsolePart.class);
        URL plugin = bundle.getEntry("plugin.xml");
        assertNotNull(plugin, "plugin.xml is in the bundle");
        Document pluginXml = parse(plugin.openStream());
        Element ext = (Element) pluginXml.getElementsByTagName("extension").item(0);
        assertEquals("org.eclipse.e4.workbench.model", ext.getAttribute("point"));
        Element fragment = (Element) ext.getElementsByTagName("fragment").item(0);
        assertEquals("always", fragment.getAttribute("apply"), "reapplied at every start, since the product clears persisted state");
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
        assertEquals(2, fragments.getLength());
        for (int i = 0; i < fragments.getLength(); i++) {
            String parent = ((Element) fragments.item(i)).getAttribute("parentElementId");
            assertTrue(ids.contains(parent), "the application model has " + parent);
            String position = ((Element) fragments.item(i)).getAttribute("positionInList");
            if (!position.isEmpty()) {
                assertTrue(ids.contains(position.substring(position.indexOf(':') + 1)), position);
            }
        }
        NodeList imports = frag.getElementsByTagName("imports");
        for (int i = 0; i < imports.getLength(); i++) {
            String id = ((Element) imports.item(i)).getAttribute("elementId");
            assertTrue(ids.contains(id), "the application model has the imported " + id);
        }
        Element part = (Element) frag.getElementsByTagName("elements").item(0);
        assertEquals(SqlConsolePart.PART_ID, part.getAttribute("elementId"));
        String contribution = part.getAttribute("contributionURI");
        String prefix = "bundleclass://" + bundle.getSymbolicName() + "/";
        assertTrue(contribution.startsWith(prefix), contribution);
        assertEquals(SqlConsolePart.class, bundle.loadClass(contribution.substring(prefix.length())));
    }

    private static Document parse(InputStream in) throws Exception {
        try (in) {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(false);
            return f.newDocumentBuilder().parse(in);
        }
    }
}
