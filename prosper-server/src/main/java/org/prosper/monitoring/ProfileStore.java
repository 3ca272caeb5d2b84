package org.prosper.monitoring;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.prosper.access.Actor;
import org.prosper.access.AuditLog;
import org.prosper.access.NotFoundProblem;
import org.prosper.geo.GeoService;
import org.prosper.geo.OrgUnit;
import org.prosper.geo.OrgUnitsMoved;
import org.prosper.geo.RecordsReassigned;
import org.prosper.platform.TransactionEnd;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Country profiles, versioned. The files under monitoring/profiles are loaded at start-up: a file whose version is
 * not yet stored becomes the newest version of its code. An administrator's edit becomes a new version too; no
 * version is ever changed or deleted, so every alert and run names the exact version it was made with.
 */
@Service
@Order(2)
public class ProfileStore implements ApplicationRunner {

    public static final String GENERIC = "GENERIC";
    /** The length of monitoring_profile.note. */
    static final int NOTE_LENGTH = 500;
    private static final Logger log = LoggerFactory.getLogger(ProfileStore.class);

    /** One stored version of a profile. */
    public record Stored(String code, int version, Integer fileVersion, String source, String createdBy, Instant createdAt,
                         String note, CountryProfile profile, String json) {
    }

    /** A version as listed (without its content). */
    public record Version(String code, int version, Integer fileVersion, String source, String createdBy, Instant createdAt, String note) {
    }

    private final org.springframework.context.MessageSource messages;
    private final JdbcClient db;
    private final GeoService geo;
    private final AuditLog audit;
    private final JsonMapper strict;
    private final Map<String, Stored> current = new ConcurrentHashMap<>();
    private final Map<String, RuleEngine> engines = new ConcurrentHashMap<>();

    public ProfileStore(JdbcClient db, GeoService geo, AuditLog audit, JsonMapper json, org.springframework.context.MessageSource messages) {
        this.messages = messages;
        this.db = db;
        this.geo = geo;
        this.audit = audit;
        this.strict = json.rebuild().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) throws IOException {
        for (Resource file : new PathMatchingResourcePatternResolver().getResources("classpath:monitoring/profiles/*.json")) {
            String text;
            try (InputStream in = file.getInputStream()) {
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            CountryProfile profile = parse(text, file.getFilename());
            check(profile.code(), profile);
            // a shipped file may predate a unit's merge or split here: loaded all the same, the profile page says what to change
            for (ProfileProblem.Field f : retiredUnits(profile)) log.warn("Monitoring profile file {}: {}", file.getFilename(), f);
            if (profile.fileVersion() == null) throw new IllegalStateException(file.getFilename() + ": fileVersion is required");
            boolean stored = db.sql("select count(*) from monitoring_profile where code = ? and source = 'FILE' and file_version = ?")
                    .params(profile.code(), profile.fileVersion()).query(Long.class).single() > 0;
            if (stored) continue;
            int version = insert(profile.code(), profile.fileVersion(), "FILE", text, "shipped file " + file.getFilename(), "system");
            audit.record(Actor.system(), "PROFILE_LOADED", "monitoring_profile", profile.code() + "@" + version, null, null, null,
                    "file " + file.getFilename() + " version " + profile.fileVersion());
            log.info("Monitoring profile {} version {} loaded from {}", profile.code(), version, file.getFilename());
        }
        current.clear();
    }

    CountryProfile parse(String json, String where) {
        try {
            return strict.readValue(json, CountryProfile.class);
        } catch (JacksonException e) {
            String at = e.getPath() == null || e.getPath().isEmpty() ? "profile" : pathOf(e);
            throw new ProfileProblem(List.of(new ProfileProblem.Field(at, "cannot read " + where + ": " + e.getOriginalMessage())));
        }
    }

    private static String pathOf(JacksonException e) {
        StringBuilder s = new StringBuilder();
        for (var ref : e.getPath()) {
            if (ref.getPropertyName() != null) s.append(s.isEmpty() ? "" : ".").append(ref.getPropertyName());
            else if (ref.getIndex() >= 0) s.append('[').append(ref.getIndex()).append(']');
        }
        return s.toString();
    }

    /** Compiles the profile against the geography of its country (or of every country, for the generic one). */
    private void check(String code, CountryProfile profile) {
        List<ProfileProblem.Field> problems = new ArrayList<>();
        if (profile.code() == null || !profile.code().equals(code)) {
            problems.add(new ProfileProblem.Field("code", "must be " + code + ", got " + profile.code()));
        }
        if (!GENERIC.equals(code) && !geo.isCountry(code)) problems.add(new ProfileProblem.Field("code", "no country " + code));
        if (profile.deadlines() == null) {
            problems.add(new ProfileProblem.Field("deadlines", "required"));
        } else {
            var d = profile.deadlines();
            int[] days = {d.homeVerificationDays(), d.crossCheckDays(), d.noticeDays(), d.townshipDays(), d.countyDays(), d.decisionDays(), d.supportDays()};
            String[] names = {"homeVerificationDays", "crossCheckDays", "noticeDays", "townshipDays", "countyDays", "decisionDays", "supportDays"};
            for (int i = 0; i < days.length; i++) {
                if (days[i] <= 0) problems.add(new ProfileProblem.Field("deadlines." + names[i], "must be 1 day or more, got " + days[i]));
            }
        }
        if (profile.welfare() == null) problems.add(new ProfileProblem.Field("welfare", "required"));
        if (profile.rules().isEmpty()) problems.add(new ProfileProblem.Field("rules", "at least one rule"));
        if (!problems.isEmpty()) throw new ProfileProblem(problems);
        RuleEngine.compile(code, 0, profile, profile.currency() == null ? "XXX" : profile.currency(), this::unitPath);
        List<ProfileProblem.Field> unknown = RuleEngine.unknownPlaceholders(profile);
        if (!unknown.isEmpty()) throw new ProfileProblem(unknown);
        List<ProfileProblem.Field> tooLong = RuleEngine.textsTooLong(profile, code, strict);
        if (!tooLong.isEmpty()) throw new ProfileProblem(422, tooLong);
    }

    /**
     * The fields of a profile that name a retired org unit, each with where the unit went. A line of such a unit applies to
     * no household (its villages are elsewhere now), so households there get the next broader line, and an area class
     * no longer holds them: whether the merged or split area keeps the line is a legal question, for whoever edits the
     * profile. A new version naming a retired unit is refused; one stored before the change is shown with these.
     */
    public List<ProfileProblem.Field> retiredUnits(CountryProfile profile) {
        List<ProfileProblem.Field> found = new ArrayList<>();
        for (int i = 0; i < profile.lines().size(); i++) {
            String at = "lines[" + i + "].area";
            retired(profile.lines().get(i).area()).ifPresent(why -> found.add(new ProfileProblem.Field(at, why)));
        }
        for (var e : profile.areas().entrySet()) {
            for (String code : e.getValue()) {
                retired(code).ifPresent(why -> found.add(new ProfileProblem.Field("areas." + e.getKey(), why)));
            }
        }
        return found;
    }

    private Optional<String> retired(String unitCode) {
        if (unitCode == null) return Optional.empty();
        return geo.unitByCode(unitCode).filter(u -> !u.active())
                .map(geo::retired);
    }

    private String unitPath(String unitCode) {
        return geo.unitByCode(unitCode).map(OrgUnit::path).orElse(null);
    }

    private int insert(String code, Integer fileVersion, String source, String json, String note, String by) {
        int version = db.sql("select coalesce(max(version), 0) from monitoring_profile where code = ?").param(code)
                .query(Integer.class).single() + 1;
        db.sql("insert into monitoring_profile(code, version, file_version, source, content, note, created_by) values (?, ?, ?, ?, ?, ?, ?)")
                .params(code, version, fileVersion, source, json, note, by).update();
        current.remove(code);
        return version;
    }

    /** The version in force of a code (a country or GENERIC). */
    public Stored current(String code) {
        return current.computeIfAbsent(code, c -> db.sql("select code, version, file_version, source, created_by, created_at, note, content "
                        + "from monitoring_profile where code = ? order by version desc limit 1")
                .param(c).query((rs, n) -> stored(rs)).optional()
                .orElseThrow(() -> new NotFoundProblem("monitoring profile " + c)));
    }

    /** The profile that applies to a country: its own, or the generic one. */
    public Stored forCountry(String countryCode) {
        boolean own = db.sql("select count(*) from monitoring_profile where code = ?").param(countryCode).query(Long.class).single() > 0;
        return current(own ? countryCode : GENERIC);
    }

    public Stored version(String code, int version) {
        return db.sql("select code, version, file_version, source, created_by, created_at, note, content from monitoring_profile where code = ? and version = ?")
                .params(code, version).query((rs, n) -> stored(rs)).optional()
                .orElseThrow(() -> new NotFoundProblem("monitoring profile " + code + " version " + version));
    }

    public List<Version> versions(String code) {
        return db.sql("select code, version, file_version, source, created_by, created_at, note from monitoring_profile where code = ? order by version desc")
                .param(code).query((rs, n) -> {
                    int fv = rs.getInt(3);
                    return new Version(rs.getString(1), rs.getInt(2), rs.wasNull() ? null : fv, rs.getString(4), rs.getString(5),
                            rs.getTimestamp(6).toInstant(), rs.getString(7));
                }).list();
    }

    public List<String> codes() {
        return db.sql("select distinct code from monitoring_profile order by code").query(String.class).list();
    }

    private Stored stored(java.sql.ResultSet rs) throws java.sql.SQLException {
        int fv = rs.getInt(3);
        Integer fileVersion = rs.wasNull() ? null : fv;
        String json = rs.getString(8);
        Timestamp at = rs.getTimestamp(6);
        return new Stored(rs.getString(1), rs.getInt(2), fileVersion, rs.getString(4), rs.getString(5), at.toInstant(),
                rs.getString(7), parse(json, "stored profile"), json);
    }

    /** An administrator's edit: checked whole, then stored as the newest version and audited. */
    @Transactional
    public Stored save(Actor actor, String code, String json, String note) {
        MonitoringAccess.requireConfigure(actor);
        String c = code == null ? "" : code.trim().toUpperCase();
        if (!GENERIC.equals(c) && !geo.isCountry(c)) throw new NotFoundProblem("country " + code);
        String why = note == null || note.isBlank() ? null : note.trim();
        if (why != null && why.length() > NOTE_LENGTH) {
            throw new ProfileProblem(422, List.of(new ProfileProblem.Field("note", UserText.tooLong(why.length(), NOTE_LENGTH))));
        }
        CountryProfile profile = parse(json, "the request body");
        check(c, profile);
        List<ProfileProblem.Field> retired = retiredUnits(profile);
        if (!retired.isEmpty()) throw new ProfileProblem(422, retired);
        Stored before = codes().contains(c) ? current(c) : null;
        int version = insert(c, null, "EDIT", json, why, actor.username());
        Stored after = current(c);
        audit.record(actor, "PROFILE_EDIT", "monitoring_profile", c + "@" + version, null,
                before == null ? null : Map.of("version", before.version()), Map.of("version", version),
                why == null ? "new version " + version : why);
        return after;
    }

    /**
     * Engines hold the paths of the units their lines and areas name, worked out when compiled: once units are moved,
     * merged or split they are compiled again. Forgotten when the geography change's transaction ends (after a rollback
     * too, as a run inside it may have compiled the paths rolled back), not before: a run on another thread could
     * otherwise compile the old paths again and keep them.
     */
    @EventListener
    void onUnitsMoved(OrgUnitsMoved moved) {
        forgetEnginesWhenDone();
    }

    @EventListener
    void onRecordsReassigned(RecordsReassigned reassigned) {
        forgetEnginesWhenDone();
    }

    private void forgetEnginesWhenDone() {
        TransactionEnd.forget(engines::clear);
    }

    /** The compiled rules of a stored profile for one country (the country's currency fills in for GENERIC). */
    RuleEngine engine(Stored stored, String countryCode) {
        return engines.computeIfAbsent(stored.code() + "@" + stored.version() + "/" + countryCode, k -> {
            String currency = stored.profile().currency() != null ? stored.profile().currency() : geo.country(countryCode).currency();
            java.util.Locale local = java.util.Locale.forLanguageTag(org.prosper.geo.LocalNames.languageOf(countryCode));
            return RuleEngine.compile(stored.code(), stored.version(), stored.profile(), currency, this::unitPath, local.getLanguage(),
                    word -> messages.getMessage("monitoring.value." + word, null, null, local));
        });
    }
}
