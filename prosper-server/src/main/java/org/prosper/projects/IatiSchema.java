package org.prosper.projects;

import java.io.ByteArrayInputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;

import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;

import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXParseException;

/** The official IATI 2.03 activity schema, loaded from the classpath (its includes resolve beside it). */
public final class IatiSchema {

    private static volatile Schema schema;

    private IatiSchema() {
    }

    public static Schema activities() {
        Schema s = schema;
        if (s == null) {
            URL xsd = IatiSchema.class.getResource("/iati/schema-2.03/iati-activities-schema.xsd");
            if (xsd == null) throw new IllegalStateException("iati-activities-schema.xsd is not on the classpath");
            try {
                SchemaFactory f = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
                schema = s = f.newSchema(xsd);
            } catch (Exception e) {
                throw new IllegalStateException("the IATI schema cannot be loaded: " + e.getMessage(), e);
            }
        }
        return s;
    }

    /**
     * Every schema error in the document as "line:column: message"; empty when it validates. External DTDs and schemas
     * named by the document are not read (an attempt is an error).
     */
    public static List<String> errors(byte[] xml) {
        List<String> errors = new ArrayList<>();
        Validator v = activities().newValidator();
        try {
            // a document's DOCTYPE or schema hints must not make the server read files or URLs
            v.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            v.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        } catch (org.xml.sax.SAXNotRecognizedException | org.xml.sax.SAXNotSupportedException e) {
            throw new IllegalStateException("the XML validator cannot be kept from reading external files", e);
        }
        v.setErrorHandler(new ErrorHandler() {
            public void warning(SAXParseException e) { }
            public void error(SAXParseException e) { errors.add(e.getLineNumber() + ":" + e.getColumnNumber() + ": " + e.getMessage()); }
            public void fatalError(SAXParseException e) { errors.add(e.getLineNumber() + ":" + e.getColumnNumber() + ": " + e.getMessage()); }
        });
        try {
            v.validate(new StreamSource(new ByteArrayInputStream(xml)));
        } catch (SAXParseException e) {
            if (errors.isEmpty()) errors.add(e.getLineNumber() + ":" + e.getColumnNumber() + ": " + e.getMessage());
        } catch (Exception e) {
            errors.add(e.getMessage());
        }
        return errors;
    }
}
