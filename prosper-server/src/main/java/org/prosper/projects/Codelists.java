package org.prosper.projects;

import java.io.InputStream;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import javax.xml.parsers.DocumentBuilderFactory;

import org.springframework.stereotype.Component;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The IATI codelists shipped in resources/iati/codelists: code to English name, and which codes are withdrawn. */
@Component
public class Codelists {

    public record Item(String code, String name, boolean withdrawn) {
    }

    private final Map<String, Map<String, Item>> lists = new HashMap<>();

    public synchronized Map<String, Item> list(String name) {
        return lists.computeIfAbsent(name, Codelists::load);
    }

    public Optional<Item> find(String list, String code) {
        return code == null ? Optional.empty() : Optional.ofNullable(list(list).get(code));
    }

    public boolean has(String list, String code) {
        return find(list, code).isPresent();
    }

    public String name(String list, String code) {
        return find(list, code).map(Item::name).orElse(code);
    }

    private static Map<String, Item> load(String name) {
        String path = "/iati/codelists/" + name + ".xml";
        try (InputStream in = Codelists.class.getResourceAsStream(path)) {
            if (in == null) throw new IllegalStateException("codelist " + name + " is not shipped (" + path + ")");
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Document doc = f.newDocumentBuilder().parse(in);
            Map<String, Item> items = new LinkedHashMap<>();
            NodeList nodes = doc.getElementsByTagName("codelist-item");
            for (int i = 0; i < nodes.getLength(); i++) {
                Element item = (Element) nodes.item(i);
                String code = first(item, "code");
                Element nameEl = child(item, "name");
                String label = nameEl == null ? code : first(nameEl, "narrative");
                items.put(code, new Item(code, label, "withdrawn".equals(item.getAttribute("status"))));
            }
            return Map.copyOf(items);
        } catch (IllegalStateException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("codelist " + name + " cannot be read: " + e.getMessage(), e);
        }
    }

    private static Element child(Element parent, String name) {
        for (var n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && name.equals(e.getLocalName())) return e;
        }
        return null;
    }

    private static String first(Element parent, String name) {
        Element e = child(parent, name);
        return e == null ? null : e.getTextContent().trim();
    }
}
