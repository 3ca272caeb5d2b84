package org.prosper.exchange;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.prosper.access.Actor;
import org.prosper.exchange.ProgrammeParts.ParticipantDraft;
import org.prosper.exchange.ProgrammeParts.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Demo programmes, loaded when there are none: two trainings, a village-leader exchange and an edition of the annual
 * forum, with sessions, fictional participants, selection, attendance, feedback and certificates. Runs after the
 * knowledge demo so that forum speakers can be linked to demo experts.
 */
@Component
@Order(21)
@ConditionalOnProperty(name = "prosper.demo.enabled", havingValue = "true")
public class ExchangeDemoSeeder implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(ExchangeDemoSeeder.class);

    private final ProgrammeService programmes;
    private final ProgrammeRepository rows;
    private final JdbcClient db;

    public ExchangeDemoSeeder(ProgrammeService programmes, ProgrammeRepository rows, JdbcClient db) {
        this.programmes = programmes;
        this.rows = rows;
        this.db = db;
    }

    private Long expert(String name) {
        return db.sql("select id from kn_expert where name = ?").param(name).query(Long.class).optional().orElse(null);
    }

    @Override
    public void run(ApplicationArguments args) {
        if (rows.countAll() > 0) {
            log.info("Programme demo not loaded: programmes exist");
            return;
        }
        Actor system = Actor.system();
        Programme ecommerce = programmes.create(system, new ProgrammeDraft("TRAINING", "China-ASEAN training on rural e-commerce for poverty reduction",
                "Two weeks for village leaders and district officials: setting up e-commerce service stations, selling farm produce online, "
                        + "packaging, cold chain and cooperative management, with field visits to demonstration villages.",
                2025, "CN", List.of("zh", "en", "lo", "km"), List.of("ecommerce", "digital-economy", "cooperatives"), "OPEN", "PUBLIC"));
        Session opening = programmes.addSession(system, ecommerce.id(), new ProgrammeParts.SessionDraft("Opening and policy overview",
                LocalDate.of(2025, 9, 8), LocalDate.of(2025, 9, 8), "Nanning", "OFFLINE", List.of("zh", "en"), List.of("ecommerce")));
        Session workshop = programmes.addSession(system, ecommerce.id(), new ProgrammeParts.SessionDraft("Livestream selling workshop in a demonstration village",
                LocalDate.of(2025, 9, 9), LocalDate.of(2025, 9, 12), "Demonstration village, Guangxi", "OFFLINE", List.of("zh", "lo", "km"), List.of("ecommerce")));
        Session clinic = programmes.addSession(system, ecommerce.id(), new ProgrammeParts.SessionDraft("Online follow-up clinic",
                LocalDate.of(2025, 11, 3), LocalDate.of(2025, 11, 3), "", "ONLINE", List.of("en"), List.of("digital-economy")));
        Long liWen = expert("Li Wen");
        programmes.addSpeaker(system, workshop.id(), new ProgrammeParts.SpeakerDraft("Li Wen", "Rural Development Research Institute", liWen, "Running a village e-commerce station"));
        List<long[]> people = new ArrayList<>();
        String[][] participants = {
                {"Khamla S.", "Ban Xiengda village committee", "LA", "village leader", "F"},
                {"Sopheap R.", "Svay Ampear commune", "KH", "village leader", "F"},
                {"Thant Zin", "Township office", "MM", "district official", "M"},
                {"Tran Van Hung", "Commune people's committee", "VN", "village leader", "M"},
                {"Pornthip K.", "Nong Bua cooperative", "TH", "cooperative manager", "F"},
                {"Vilay P.", "District agriculture office", "LA", "district official", "M"}};
        for (String[] p : participants) {
            long id = programmes.addParticipant(system, new ParticipantDraft(p[0], p[1], p[2], p[3], p[4], null, null, null)).id();
            long application = programmes.apply(system, ecommerce.id(), id, "Wants to start selling village produce online").id();
            people.add(new long[] {id, application});
        }
        for (int i = 0; i < people.size(); i++) {
            programmes.decide(system, people.get(i)[1], i == people.size() - 1 ? "WAITLISTED" : "SELECTED");
        }
        for (int i = 0; i < people.size() - 1; i++) {
            long participant = people.get(i)[0];
            programmes.attendance(system, opening.id(), participant, true);
            programmes.attendance(system, workshop.id(), participant, i != 2);
            programmes.attendance(system, clinic.id(), participant, i % 2 == 0);
            programmes.feedback(system, ecommerce.id(), participant, 4 + (i % 2), "Practical; more time in the village next time");
            programmes.certify(system, ecommerce.id(), participant);
        }

        programmes.create(system, new ProgrammeDraft("TRAINING", "Community-driven development for village officials",
                "Participatory village planning, transparent management of village funds and grievance handling.",
                2024, "TH", List.of("th", "lo", "en"), List.of("governance", "rural-infrastructure"), "DONE", "PUBLIC"));

        Programme exchange = programmes.create(system, new ProgrammeDraft("EXCHANGE", "ASEAN+3 Village Leaders Exchange Program 2025",
                "Village leaders visit each other's villages to see practices at work and plan what to try at home.",
                2025, "CN", List.of("zh", "en", "lo", "km", "th"), List.of("cooperatives", "sustainable-agriculture", "rural-tourism"), "CLOSED", "PUBLIC"));
        programmes.addSession(system, exchange.id(), new ProgrammeParts.SessionDraft("Study visits", LocalDate.of(2025, 6, 16),
                LocalDate.of(2025, 6, 21), "Host villages", "OFFLINE", List.of("zh", "en"), List.of("cooperatives")));
        programmes.addVisit(system, exchange.id(), new ProgrammeParts.VisitDraft("Demonstration tea village", "CN", "Ban Xiengda", "LA",
                "How a cooperative grades, packs and sells tea online under one brand; how the village fund pays for shared machines.",
                "Ban Xiengda plans a drying shed and a shared label for its tea."));
        programmes.addVisit(system, exchange.id(), new ProgrammeParts.VisitDraft("Ban Nong Bua", "TH", "Svay Ampear", "KH",
                "Organic vegetable group selling directly to the district hospital and schools; rotating savings inside the group.",
                "Svay Ampear will start a vegetable group with ten households."));
        programmes.link(system, exchange.id(), new ProgrammeParts.Link("PROJECT", "DEMO-PILOT-VILLAGES"));

        Programme forum = programmes.create(system, new ProgrammeDraft("FORUM", "ASEAN-China Forum on Social Development and Poverty Reduction 2025",
                "The annual forum of ministries, researchers and partners on poverty reduction and rural development.",
                2025, "LA", List.of("en", "zh", "lo"), List.of("poverty-measurement", "social-protection", "digital-economy"), "DONE", "PUBLIC"));
        Session plenary = programmes.addSession(system, forum.id(), new ProgrammeParts.SessionDraft("Plenary: poverty reduction after 2030",
                LocalDate.of(2025, 10, 14), LocalDate.of(2025, 10, 14), "Vientiane", "HYBRID", List.of("en", "zh", "lo"), List.of("poverty-measurement")));
        Session parallel = programmes.addSession(system, forum.id(), new ProgrammeParts.SessionDraft("Parallel session: social protection and the digital economy",
                LocalDate.of(2025, 10, 15), LocalDate.of(2025, 10, 15), "Vientiane", "OFFLINE", List.of("en"), List.of("social-protection", "digital-economy")));
        programmes.addSpeaker(system, plenary.id(), new ProgrammeParts.SpeakerDraft("Bounmy Keomany", "Provincial planning office", expert("Bounmy Keomany"), "Measuring poverty village by village"));
        programmes.addSpeaker(system, parallel.id(), new ProgrammeParts.SpeakerDraft("Nguyen Thi Lan", "Institute of labour and social affairs", expert("Nguyen Thi Lan"), "Cash transfers and women's groups"));
        programmes.addOutcome(system, forum.id(), new ProgrammeParts.OutcomeDraft("Forum summary (demo)",
                "Participants agreed to share household survey methods and to pilot joint training on village e-commerce.", null));
        log.info("Programme demo loaded");
    }
}
