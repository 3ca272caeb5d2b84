package org.prosper.survey;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** Reading submission instances: well-formedness, form id and version, instanceID, and the values as rows. */
public final class SubmissionXml {

    /** XForms nest groups and repeats a few levels deep; anything much deeper is not a form's instance. */
    static final int MAX_DEPTH = 64;
    /** Far more text than any household survey holds; keeps what one submission can make the server hold bounded. */
    static final int MAX_TEXT = 10_000_000;

    private static final ThreadLocal<DocumentBuilder> BUILDERS = ThreadLocal.withInitial(() -> {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            f.setAttribute("jdk.xml.maxElementDepth", String.valueOf(MAX_DEPTH));
            return f.newDocumentBuilder();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    });

    private SubmissionXml() {
    }

    /** A parsed instance: the root's form id and version and the meta/instanceID. */
    public record Parsed(Document document, String formId, String version, String instanceId) {
        public Element root() {
            return document.getDocumentElement();
        }
    }

    private static final XMLInputFactory STAX = XMLInputFactory.newFactory();

    static {
        STAX.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        STAX.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        STAX.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        STAX.setProperty(XMLInputFactory.IS_COALESCING, false);
    }

    /**
     * What the door needs of an instance, read in one streaming pass without building a document: form id and
     * version, instanceID, and the text of every element that is the first of its name under each of its ancestors
     * (so exactly what {@link #child} walks reach), by path below the root: "household_id", "housing/water_source".
     */
    public record Header(String formId, String version, String instanceId, Texts texts) {
        /** The trimmed text at this path, or null when the element is missing or empty. */
        public String text(String path) {
            String t = texts.get(path);
            if (t == null) return null;
            t = t.trim();
            return t.isEmpty() ? null : t;
        }
    }

    /**
     * The texts of an instance's elements by path, held once: an element's text (all text below it, as a document's
     * text content) is a range of one buffer, and paths are a tree of names, so memory grows with the submission's
     * size whatever its shape.
     */
    public static final class Texts {
        private final String all;
        private final PathNode root;

        private Texts(String all, PathNode root) {
            this.all = all;
            this.root = root;
        }

        /** The untrimmed text at this path below the root, or null when there is no such element. */
        public String get(String path) {
            if (path.isEmpty()) return null;
            PathNode n = root;
            for (String name : path.split("/", -1)) {
                n = n.children == null ? null : n.children.get(name);
                if (n == null) return null;
            }
            return all.substring(n.start, n.end);
        }
    }

    private static final class PathNode {
        final int start;
        int end;
        Map<String, PathNode> children;

        PathNode(int start) {
            this.start = start;
        }
    }

    /** An open element: its node when it is the first of its name under first elements, and whether its text is kept. */
    private record Open(PathNode node, boolean kept) {
    }

    /** Checks the XML is well formed (no DOCTYPE) and reads its {@link Header}; refused with the reason like {@link #parse}. */
    public static Header scan(byte[] xml) {
        String formId = null, version = null, rootName = null;
        StringBuilder text = new StringBuilder();
        PathNode root = new PathNode(0);
        java.util.ArrayDeque<Open> open = new java.util.ArrayDeque<>();
        try {
            XMLStreamReader r = STAX.createXMLStreamReader(new ByteArrayInputStream(xml));
            try {
                while (r.hasNext()) {
                    switch (r.next()) {
                        case XMLStreamConstants.DTD -> throw new BadSubmissionProblem("the submission XML is not well formed: DOCTYPE is not allowed");
                        case XMLStreamConstants.START_ELEMENT -> {
                            String name = r.getLocalName();
                            Open parent = open.peek();
                            if (parent == null) {
                                rootName = name;
                                formId = r.getAttributeValue(null, "id");
                                version = r.getAttributeValue(null, "version");
                                open.push(new Open(root, false));
                                continue;
                            }
                            if (open.size() >= MAX_DEPTH) throw tooDeep(name, r.getLocation().getLineNumber());
                            PathNode node = null;
                            if (parent.node() != null) {
                                if (parent.node().children == null) parent.node().children = new java.util.HashMap<>();
                                if (!parent.node().children.containsKey(name)) {
                                    node = new PathNode(text.length());
                                    parent.node().children.put(name, node);
                                }
                            }
                            // the root's text is never asked for; below it, a first element's text includes everything under it
                            open.push(new Open(node, parent.node() == root ? node != null : parent.kept()));
                        }
                        case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                            Open o = open.peek();
                            if (o != null && o.kept()) {
                                if (text.length() + r.getTextLength() > MAX_TEXT) {
                                    throw new BadSubmissionProblem("the submission XML has more than " + String.format(Locale.ROOT, "%,d", MAX_TEXT)
                                            + " characters of text (line " + r.getLocation().getLineNumber() + ")");
                                }
                                text.append(r.getTextCharacters(), r.getTextStart(), r.getTextLength());
                            }
                        }
                        case XMLStreamConstants.END_ELEMENT -> {
                            Open o = open.pop();
                            if (o.node() != null) o.node().end = text.length();
                        }
                        default -> {
                        }
                    }
                }
            } finally {
                r.close();
            }
        } catch (XMLStreamException | RuntimeException e) {
            if (e instanceof BadSubmissionProblem b) throw b;
            throw new BadSubmissionProblem("the submission XML is not well formed: " + e.getMessage());
        }
        if (rootName == null) throw new BadSubmissionProblem("the submission XML is not well formed: no root element");
        if (formId == null || formId.isBlank()) throw new BadSubmissionProblem("the submission's root element <" + rootName + "> has no id attribute naming the form");
        Texts texts = new Texts(text.toString(), root);
        String instanceId = texts.get("meta/instanceID");
        instanceId = instanceId == null ? null : instanceId.trim();
        if (instanceId == null || instanceId.isEmpty()) throw new BadSubmissionProblem("the submission has no meta/instanceID");
        if (instanceId.length() > 200) throw new BadSubmissionProblem("the instanceID is longer than 200 characters");
        return new Header(formId, version, instanceId, texts);
    }

    private static BadSubmissionProblem tooDeep(String name, int line) {
        String shown = name == null ? "an element" : "<" + (name.length() > 40 ? name.substring(0, 40) + "…" : name) + ">";
        return new BadSubmissionProblem("the submission XML is nested too deeply: " + shown + (line > 0 ? " on line " + line : "")
                + " is more than " + MAX_DEPTH + " elements deep (a form nests its groups and repeats only a few deep)");
    }

    /** Parses the XML; a request whose XML is not well formed or lacks id or instanceID is refused with the reason. */
    public static Parsed parse(byte[] xml) {
        Document doc;
        try {
            DocumentBuilder b = BUILDERS.get();
            b.reset();
            b.setErrorHandler(null);
            doc = b.parse(new ByteArrayInputStream(xml));
        } catch (org.xml.sax.SAXParseException e) {
            if (String.valueOf(e.getMessage()).contains("maxElementDepth")) throw tooDeep(null, e.getLineNumber());
            throw new BadSubmissionProblem("the submission XML is not well formed: " + e.getMessage());
        } catch (Exception e) {
            throw new BadSubmissionProblem("the submission XML is not well formed: " + e.getMessage());
        }
        Element root = doc.getDocumentElement();
        String formId = root.getAttribute("id");
        if (formId.isBlank()) throw new BadSubmissionProblem("the submission's root element <" + root.getLocalName() + "> has no id attribute naming the form");
        String version = root.hasAttribute("version") ? root.getAttribute("version") : null;
        String instanceId = null;
        Element meta = child(root, "meta");
        if (meta != null) {
            Element id = child(meta, "instanceID");
            if (id != null) instanceId = id.getTextContent().trim();
        }
        if (instanceId == null || instanceId.isEmpty()) throw new BadSubmissionProblem("the submission has no meta/instanceID");
        if (instanceId.length() > 200) throw new BadSubmissionProblem("the instanceID is longer than 200 characters");
        return new Parsed(doc, formId, version, instanceId);
    }

    /**
     * Appends text escaped for XML content and attribute values: only the markup characters; every other character
     * (accented letters included, which HTML escaping would turn into entities XML does not know) is kept as it is.
     */
    static StringBuilder escape(StringBuilder out, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                default -> out.append(c);
            }
        }
        return out;
    }

    static Element child(Element parent, String localName) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && localName.equals(e.getLocalName() == null ? e.getTagName() : e.getLocalName())) return e;
        }
        return null;
    }

    static List<Element> children(Element parent, String localName) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && localName.equals(e.getLocalName() == null ? e.getTagName() : e.getLocalName())) out.add(e);
        }
        return out;
    }

    /** Rows of one table: the submission itself ("") or a repeat (its name); KEY and PARENT_KEY link them as ODK Central does. */
    public record Tables(Map<String, String> main, Map<String, List<Row>> repeats) {
    }

    public record Row(String key, String parentKey, int index, Map<String, String> values) {
    }

    /** The values of an instance by field name, repeats in their own tables. */
    public static Tables rows(Element root, FormDefinition form, String instanceId) {
        Map<String, String> main = new LinkedHashMap<>();
        Map<String, List<Row>> repeats = new LinkedHashMap<>();
        walk(root, form.children(), main, repeats, instanceId);
        return new Tables(main, repeats);
    }

    private static void walk(Element element, List<FormNode> nodes, Map<String, String> row, Map<String, List<Row>> repeats, String key) {
        for (FormNode n : nodes) {
            switch (n.kind()) {
                case QUESTION -> {
                    Element e = child(element, n.name());
                    if (e != null && !e.getTextContent().isEmpty()) row.put(n.name(), e.getTextContent().trim());
                }
                case GROUP -> {
                    Element e = child(element, n.name());
                    if (e != null) walk(e, n.children(), row, repeats, key);
                }
                case REPEAT -> {
                    List<Row> table = repeats.computeIfAbsent(n.name(), k -> new ArrayList<>());
                    int i = 0;
                    for (Element e : children(element, n.name())) {
                        i++;
                        String childKey = key + "/" + n.name() + "[" + i + "]";
                        Map<String, String> values = new LinkedHashMap<>();
                        walk(e, n.children(), values, repeats, childKey);
                        table.add(new Row(childKey, key, i, values));
                    }
                }
            }
        }
    }
}
