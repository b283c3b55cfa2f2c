package org.mapwright.ui.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.util.HashSet;
import java.util.Set;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The model fragment reaches the application: its targets exist there and its parts load. */
class FragmentTest {

    private static Document xml(InputStream in) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        return f.newDocumentBuilder().parse(in);
    }

    private static Set<String> attributes(Document d, String name) {
        Set<String> out = new HashSet<>();
        NodeList all = d.getElementsByTagName("*");
        for (int i = 0; i < all.getLength(); i++) {
            String v = ((Element) all.item(i)).getAttribute(name);
            if (!v.isEmpty()) {
                out.add(v);
            }
        }
        return out;
    }

    @Test
    void contributesThreeViewsAndMenuEntriesToElementsOfTheApplication() throws Exception {
        URL plugin = FragmentTest.class.getClassLoader().getResource("plugin.xml");
        assertNotNull(plugin, "plugin.xml is in the bundle");
        Document p;
        try (InputStream in = plugin.openStream()) {
            p = xml(in);
        }
        assertEquals("org.eclipse.e4.workbench.model", ((Element) p.getElementsByTagName("extension").item(0)).getAttribute("point"));
        String uri = ((Element) p.getElementsByTagName("fragment").item(0)).getAttribute("uri");
        URL fragmentUrl = FragmentTest.class.getClassLoader().getResource(uri);
        assertNotNull(fragmentUrl, uri + " is in the bundle");
        Document fragment;
        try (InputStream in = fragmentUrl.openStream()) {
            fragment = xml(in);
        }
        Document app;
        try (InputStream in = Files.newInputStream(Bench.REPO.resolve("bundles/org.mapwright.app/Application.e4xmi"))) {
            app = xml(in);
        }
        Set<String> appIds = attributes(app, "elementId");
        for (String parent : attributes(fragment, "parentElementId")) {
            assertTrue(appIds.contains(parent), "the application has " + parent);
        }
        NodeList imports = fragment.getElementsByTagName("imports");
        for (int i = 0; i < imports.getLength(); i++) {
            String id = ((Element) imports.item(i)).getAttribute("elementId");
            assertTrue(appIds.contains(id), "the application has the imported " + id);
        }
        Set<String> partIds = new HashSet<>();
        for (String contribution : attributes(fragment, "contributionURI")) {
            assertTrue(contribution.startsWith("bundleclass://org.mapwright.ui.monitor/"), contribution);
            Class.forName(contribution.substring(contribution.lastIndexOf('/') + 1));
        }
        NodeList elements = fragment.getElementsByTagName("elements");
        for (int i = 0; i < elements.getLength(); i++) {
            Element e = (Element) elements.item(i);
            if (e.getAttributeNS("http://www.w3.org/2001/XMLSchema-instance", "type").equals("basic:Part")) {
                partIds.add(e.getAttribute("elementId"));
            }
        }
        assertEquals(Set.of(MonitorParts.HISTORY, MonitorParts.DRIFT, MonitorParts.COMPARE), partIds);
        Set<String> shown = new HashSet<>();
        NodeList params = fragment.getElementsByTagName("parameters");
        for (int i = 0; i < params.getLength(); i++) {
            shown.add(((Element) params.item(i)).getAttribute("value"));
        }
        assertEquals(partIds, shown, "the Window menu shows every view");
        assertTrue(attributes(fragment, "contributionURI").contains(
                "bundleclass://org.mapwright.ui.monitor/org.mapwright.ui.monitor.DriftCheckAddon"), "drift is checked on project open");
    }
}
