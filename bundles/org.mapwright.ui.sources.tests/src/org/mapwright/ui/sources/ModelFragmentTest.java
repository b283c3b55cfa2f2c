package org.mapwright.ui.sources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The model fragment is what puts this bundle into the workbench: it must be registered in
 * plugin.xml, packaged, and hang its contributions on element ids that exist in the application
 * model, with classes that load.
 */
class ModelFragmentTest {

    private final Bundle bundle = FrameworkUtil.getBundle(SourcesUi.class);

    private static Document parse(InputStream in) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        try (in) {
            return f.newDocumentBuilder().parse(in);
        }
    }

    private static List<Element> all(Document d, String tag) {
        NodeList nodes = d.getElementsByTagName(tag);
        List<Element> out = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            out.add((Element) nodes.item(i));
        }
        return out;
    }

    @Test
    void pluginXmlRegistersThePackagedFragmentOnASingletonBundle() throws Exception {
        assertTrue(bundle.getHeaders().get("Bundle-SymbolicName").contains("singleton:=true"), "extensions need a singleton bundle");
        URL plugin = bundle.getEntry("plugin.xml");
        assertNotNull(plugin, "plugin.xml is packaged");
        Element fragment = all(parse(plugin.openStream()), "fragment").get(0);
        assertEquals("org.eclipse.e4.workbench.model", ((Element) fragment.getParentNode()).getAttribute("point"));
        assertEquals("always", fragment.getAttribute("apply"), "applied even over a model restored from a previous run");
        assertNotNull(bundle.getEntry(fragment.getAttribute("uri")), "the fragment file is packaged");
    }

    @Test
    void everyContributionHangsOnAnExistingElementAndEveryClassLoads() throws Exception {
        Document fragment = parse(bundle.getEntry("fragment.e4xmi").openStream());
        Path appModel = Path.of(System.getProperty("mapwright.repo", "../.."), "bundles/org.mapwright.app/Application.e4xmi");
        Document app = parse(Files.newInputStream(appModel));
        Set<String> appIds = new HashSet<>();
        for (Element e : all(app, "*")) {
            if (e.hasAttribute("elementId")) {
                appIds.add(e.getAttribute("elementId"));
            }
        }
        Set<String> localXmiIds = new HashSet<>();
        for (Element e : all(fragment, "*")) {
            if (e.hasAttribute("xmi:id")) {
                localXmiIds.add(e.getAttribute("xmi:id"));
            }
        }
        List<Element> fragments = all(fragment, "fragments");
        assertTrue(fragments.size() >= 6);
        for (Element f : fragments) {
            assertTrue(appIds.contains(f.getAttribute("parentElementId")), "the application model has " + f.getAttribute("parentElementId"));
            String position = f.getAttribute("positionInList");
            if (position.startsWith("after:")) {
                assertTrue(appIds.contains(position.substring(6)), "the application model has " + position);
            }
        }
        for (Element i : all(fragment, "imports")) {
            assertTrue(appIds.contains(i.getAttribute("elementId")), "imported " + i.getAttribute("elementId") + " exists");
        }
        for (Element e : all(fragment, "*")) {
            if (e.hasAttribute("command")) {
                assertTrue(localXmiIds.contains(e.getAttribute("command")), "command reference " + e.getAttribute("command") + " resolves");
            }
            String uri = e.getAttribute("contributionURI");
            if (!uri.isEmpty()) {
                String prefix = "bundleclass://" + bundle.getSymbolicName() + "/";
                assertTrue(uri.startsWith(prefix), uri);
                assertNotNull(bundle.loadClass(uri.substring(prefix.length())), uri);
            }
        }
        Set<String> parts = new HashSet<>();
        for (Element e : all(fragment, "elements")) {
            if ("basic:Part".equals(e.getAttribute("xsi:type"))) {
                parts.add(e.getAttribute("elementId"));
            }
        }
        assertEquals(Set.of(SourcesUi.PART_DATABASES, SourcesUi.PART_PROFILE), parts);
        Set<String> commands = new HashSet<>();
        for (Element e : all(fragment, "elements")) {
            if ("commands:Command".equals(e.getAttribute("xsi:type"))) {
                commands.add(e.getAttribute("elementId"));
            }
        }
        assertEquals(Set.of(SourcesUi.CMD_ADD_JSON, SourcesUi.CMD_ADD_EXCEL, SourcesUi.CMD_ADD_DATABASE), commands);
    }
}
