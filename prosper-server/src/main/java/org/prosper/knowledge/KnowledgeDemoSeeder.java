package org.prosper.knowledge;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.prosper.access.Actor;
import org.prosper.access.ProsperUser;
import org.prosper.access.UserService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Demo content of the knowledge bank, loaded into an empty bank only: practice summaries written for the demo in
 * several languages (knowledge/demo/practices.tsv), one summary of public poverty figures per country
 * (knowledge/demo/country_data.tsv, World Bank WDI and OPHI, see SOURCE.md there) and fictional experts with varied
 * visibility, one of them linked to the demo user {@code expert}.
 */
@Component
@Order(20)
@ConditionalOnProperty(name = "prosper.demo.enabled", havingValue = "true")
public class KnowledgeDemoSeeder implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(KnowledgeDemoSeeder.class);
    private static final Map<String, String> NAMES = Map.of("CN", "China", "KH", "Cambodia", "ID", "Indonesia", "LA", "Lao PDR",
            "MY", "Malaysia", "MM", "Myanmar", "PH", "Philippines", "TH", "Thailand", "VN", "Viet Nam");

    private final ExpertRepository expertRows;
    private final PracticeRepository practiceRows;
    private final ExpertService experts;
    private final PracticeService practices;
    private final UserService users;

    public KnowledgeDemoSeeder(ExpertRepository expertRows, PracticeRepository practiceRows, ExpertService experts,
                               PracticeService practices, UserService users) {
        this.expertRows = expertRows;
        this.practiceRows = practiceRows;
        this.experts = experts;
        this.practices = practices;
        this.users = users;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (expertRows.countAll() > 0 || practiceRows.countAll() > 0) {
            log.info("Knowledge demo not loaded: the knowledge bank is not empty");
            return;
        }
        Actor system = Actor.system();
        Long expertUser = users.find("expert").map(ProsperUser::id).orElse(null);
        List<Long> ids = new ArrayList<>();
        for (ExpertDraft d : experts(expertUser)) ids.add(experts.create(system, d).id());
        int n = 0;
        for (String[] c : tsv("knowledge/demo/practices.tsv")) {
            List<Long> linked = List.of(ids.get(n % ids.size()));
            practices.create(system, new PracticeDraft(c[7], c[8], "", c[0], c[1], c[6], List.of(c[3].split(",")),
                    List.of(c[4].split(",")), Integer.valueOf(c[2]), "Written for the Prosper demo", "CC BY 4.0", c[5], null, linked, null));
            n++;
        }
        for (String[] c : tsv("knowledge/demo/country_data.tsv")) {
            practices.create(system, countryData(c));
            n++;
        }
        log.info("Knowledge demo loaded: {} experts, {} practices", ids.size(), n);
    }

    private static PracticeDraft countryData(String[] c) {
        String name = NAMES.get(c[0]);
        StringBuilder s = new StringBuilder(name + ": poverty in figures. ");
        int year = 0;
        if (!c[1].isEmpty()) {
            s.append("The poverty headcount at $3.00 a day (2021 PPP) was ").append(c[2]).append("% in ").append(c[1]).append(". ");
            year = Math.max(year, Integer.parseInt(c[1]));
        }
        if (!c[3].isEmpty()) {
            s.append("At the national poverty line it was ").append(c[4]).append("% in ").append(c[3]).append(" (World Bank WDI, CC BY 4.0). ");
            year = Math.max(year, Integer.parseInt(c[3]));
        }
        if (c.length > 5 && !c[5].isEmpty()) {
            s.append("Multidimensional poverty (global MPI, OPHI 2022): ").append(c[6]).append("% of people were MPI-poor in ").append(c[5])
                    .append(", with an average intensity of ").append(c[7]).append("% and an MPI of ").append(c[8]).append(".");
        }
        return new PracticeDraft(name + ": poverty in figures", s.toString().strip(), "", "en", c[0], "", List.of("poverty-measurement"),
                List.of("1.1", "1.2"), year == 0 ? null : year,
                "World Bank, World Development Indicators (June 2025); OPHI global MPI 2022 (Alkire, Kanagaratnam and Suppa 2022)",
                "CC BY 4.0 (WDI); OPHI free use with citation", "PUBLIC", null, List.of(), null);
    }

    private static List<ExpertDraft> experts(Long expertUser) {
        return List.of(
                expert("Li Wen", "Rural Development Research Institute", "CN", List.of("zh", "en"), List.of("ecommerce", "digital-economy"),
                        "农村电商, village e-commerce, livestreaming sales, cold chain", List.of("CN", "LA", "KH"), "PUBLIC", "AVAILABLE", true, expertUser,
                        "Works with county governments on e-commerce service stations and training of village sellers."),
                expert("Somchai Prasert", "Faculty of Agriculture, regional university", "TH", List.of("th", "en"),
                        List.of("sustainable-agriculture", "cooperatives"), "เกษตรยั่งยืน, organic rice, farmer cooperatives", List.of("TH", "LA"),
                        "PUBLIC", "AVAILABLE", true, null, "Advises farmer cooperatives on organic certification and direct sales."),
                expert("Sokha Chan", "Rural water NGO", "KH", List.of("km", "en"), List.of("water", "sanitation"),
                        "ទឹកស្អាត, rural water supply, community water committees", List.of("KH"), "PARTNERS", "AVAILABLE", true, null,
                        "Designs community-managed water systems for villages."),
                expert("Bounmy Keomany", "Provincial planning office", "LA", List.of("lo", "th", "en"),
                        List.of("poverty-measurement", "rural-infrastructure"), "ການສຳຫຼວດຄົວເຮືອນ, household surveys, village development funds",
                        List.of("LA"), "PUBLIC", "LIMITED", true, null, "Leads household poverty surveys and participatory village planning."),
                expert("Aung Min", "Microfinance network", "MM", List.of("my", "en"), List.of("microfinance", "cooperatives"),
                        "အသေးစားချေးငွေ, microcredit, savings groups", List.of("MM", "TH"), "PARTNERS", "AVAILABLE", true, null,
                        "Trains village savings groups and cooperative boards."),
                expert("Nguyen Thi Lan", "Institute of labour and social affairs", "VN", List.of("vi", "en"), List.of("social-protection", "gender"),
                        "giảm nghèo, an sinh xã hội, cash transfers, women's groups", List.of("VN", "LA"), "PUBLIC", "AVAILABLE", true, null,
                        "Evaluates social assistance and gender-responsive poverty programmes."),
                expert("Siti Rahmawati", "Village digital economy programme", "ID", List.of("id", "ms", "en"),
                        List.of("digital-economy", "microfinance"), "desa digital, UMKM, koperasi desa", List.of("ID", "MY"), "PUBLIC", "AVAILABLE", true, null,
                        "Helps village enterprises sell online and manage cooperative warehouses."),
                expert("Ahmad Faizal", "Rural infrastructure agency", "MY", List.of("ms", "en"), List.of("rural-infrastructure"),
                        "jalan luar bandar, rural roads, market access", List.of("MY", "BN"), "ADMINS", "AVAILABLE", true, null,
                        "Plans rural road programmes."),
                expert("Maria Santos", "Skills training foundation", "PH", List.of("fil", "en"), List.of("education", "vocational-training"),
                        "edukasyon, TVET, youth employment", List.of("PH"), "PUBLIC", "UNAVAILABLE", true, null,
                        "Runs vocational training for rural youth."),
                expert("Zhang Hua", "Housing safety programme", "CN", List.of("zh"), List.of("housing", "rural-infrastructure"),
                        "危房改造, 住房安全, 农村公路", List.of("CN"), "PARTNERS", "AVAILABLE", true, null, "负责农村危房改造的技术鉴定和培训。"),
                expert("Wang Fang", "Rural tourism association", "CN", List.of("zh", "en", "th"), List.of("rural-tourism"),
                        "乡村旅游, homestays, community tourism", List.of("CN", "TH"), "PUBLIC", "LIMITED", true, null,
                        "Supports community-based tourism and homestay standards."),
                expert("Pending Profile", "Not yet consented", "PH", List.of("en"), List.of("health"), "health insurance", List.of("PH"),
                        "PUBLIC", "AVAILABLE", false, null, "Listed only after consent."));
    }

    private static ExpertDraft expert(String name, String affiliation, String country, List<String> languages, List<String> fields,
                                      String keywords, List<String> regions, String visibility, String availability, boolean consent,
                                      Long userId, String bio) {
        return new ExpertDraft(name, affiliation, country, languages, fields, keywords, regions, "", "", bio, availability,
                consent, visibility, null, userId, null);
    }

    private static List<String[]> tsv(String resource) {
        List<String[]> rows = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                KnowledgeDemoSeeder.class.getClassLoader().getResourceAsStream(resource), StandardCharsets.UTF_8))) {
            in.readLine();
            String line;
            while ((line = in.readLine()) != null) if (!line.isBlank()) rows.add(line.split("\t", -1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }
}
