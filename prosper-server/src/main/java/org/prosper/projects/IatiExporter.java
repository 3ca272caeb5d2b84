package org.prosper.projects;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Optional;

import org.prosper.access.Actor;
import org.prosper.geo.GeoService;
import org.springframework.stereotype.Service;

/** IATI 2.03 activity XML for the projects an actor may see; every document is checked against the XSD before it leaves. */
@Service
public class IatiExporter {

    private final ProjectService projects;
    private final GeoService geo;

    public IatiExporter(ProjectService projects, GeoService geo) {
        this.projects = projects;
        this.geo = geo;
    }

    /**
     * The projects the actor may see as one document; empty when there are none, because the 2.03 schema requires at
     * least one iati-activity and a document without any would not validate.
     */
    public Optional<byte[]> all(Actor actor) {
        List<ProjectData> visible = projects.visibleProjects(actor);
        return visible.isEmpty() ? Optional.empty() : Optional.of(write(visible));
    }

    public byte[] one(Actor actor, long id) {
        return write(List.of(projects.get(actor, id)));
    }

    private byte[] write(List<ProjectData> list) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        IatiWriter.write(list, out, geo::unitByCode);
        byte[] xml = out.toByteArray();
        List<String> errors = IatiSchema.errors(xml);
        if (!errors.isEmpty()) {
            // A document that breaks the schema is a bug in this class, never something to hand out.
            throw new IllegalStateException("IATI export does not validate against the 2.03 schema: " + String.join("; ", errors.subList(0, Math.min(5, errors.size()))));
        }
        return xml;
    }
}
