package org.prosper.demo;

import java.util.List;

import org.prosper.demo.DemoCountry.Village;

/** The demo's countries and villages: the six pilot villages in Cambodia, Laos and Myanmar, Guangxi, and the others. */
final class DemoCountries {

    private DemoCountries() {
    }

    static List<DemoCountry> all() {
        return List.of(
                new DemoCountry("KH", "Kândal", List.of("Kien Svay", "Kokir"), List.of(
                        new Village("KH-PILOT-SVAYAMPEAR", "Svay Ampear", "ស្វាយអំពារ", 11.50, 105.02, 220, true),
                        new Village("KH-PILOT-ANGCHORK", "Ang Chork", "អង្គចក", 11.47, 105.05, 200, true),
                        new Village("KH-DEMO-PREKTAMEAK", "Prek Tameak", "ព្រែកតាមាក់", 11.53, 105.00, 120, false)),
                        3_200_000, 0.75, 4.8, 0.30, 0.25, 0.55, 0.20, 0.85, 0.80,
                        List.of("សុខ", "ចាន់", "ស៊ុន", "កែវ", "លី", "ហេង", "ម៉ៅ", "ជា"),
                        List.of("ដារ៉ា", "សុភា", "វណ្ណា", "ស្រីមុំ", "បូរ៉ា", "សម្ផស្ស", "ចន្ធូ", "រតនា"), true, List.of("Khmer", "Cham")),
                new DemoCountry("LA", "Vientiane [prefecture]", List.of("Xaythany"), List.of(
                        new Village("LA-PILOT-XIENGDA", "Xiengda", "ບ້ານຊຽງດາ", 18.02, 102.75, 200, true),
                        new Village("LA-PILOT-SOMSANOOK", "Somsanook", "ບ້ານສົມສະໜຸກ", 18.05, 102.71, 180, true),
                        new Village("LA-DEMO-NONGTENG", "Nongteng", "ບ້ານໜອງເຕັງ", 18.00, 102.70, 120, false)),
                        9_000_000, 0.75, 5.2, 0.40, 0.35, 0.60, 0.25, 0.90, 0.75,
                        List.of("ພົມມະຈັນ", "ສີສຸວັນ", "ວົງສາ", "ແສງທອງ", "ຄຳພູ"),
                        List.of("ສົມພອນ", "ບຸນມີ", "ຄຳແພງ", "ນາງແກ້ວ", "ສີດາ", "ທອງລີ"), false, List.of("Lao", "Khmu", "Hmong")),
                new DemoCountry("MM", "Mandalay", List.of("Tatkon", "Tatkon", "Min Pyin"), List.of(
                        new Village("MM-PILOT-MINPYIN", "Min Pyin", "မင်းပြင်", 20.13, 96.21, 200, true),
                        new Village("MM-PILOT-THAPYAYKONE", "Tha Pyay Kone", "သပြေကုန်း", 20.10, 96.19, 180, true),
                        new Village("MM-DEMO-NYAUNGBIN", "Nyaung Bin", "ညောင်ပင်", 20.15, 96.24, 100, false)),
                        1_000_000, 0.8, 4.6, 0.15, 0.15, 0.50, 0.30, 0.60, 0.70,
                        List.of("ဦး", "ဒေါ်", "ကို", "မ"),
                        List.of("အောင်ကျော်", "မြင့်မြင့်", "သန်းထွန်း", "ခင်ခင်", "ဇော်ဝင်း", "နီလာ"), true, List.of("Bamar", "Shan")),
                new DemoCountry("CN", "Guangxi", List.of("Baise", "Longlin", "Zhelang"), guangxiVillages(),
                        14_000, 0.6, 3.6, 0.98, 0.85, 0.80, 0.70, 1.00, 0.96,
                        List.of("黄", "韦", "陆", "梁", "农", "覃", "蒙", "罗"),
                        List.of("文", "秀英", "建华", "海燕", "志强", "丽", "明", "春梅"), true, List.of("Zhuang", "Han", "Yao", "Miao")),
                new DemoCountry("VN", "Nghệ An", List.of(), List.of(
                        new Village("VN-DEMO-CHAULOC", "Châu Lộc", "Xã Châu Lộc", 19.30, 105.40, 250, false),
                        new Village("VN-DEMO-MUONGLONG", "Mường Lống", "Xã Mường Lống", 19.38, 104.47, 220, false),
                        new Village("VN-DEMO-NAMCAN", "Nậm Cắn", "Xã Nậm Cắn", 19.45, 104.20, 200, false)),
                        33_000_000, 0.65, 3.9, 0.90, 0.55, 0.70, 0.60, 0.98, 0.88,
                        List.of("Nguyễn", "Lê", "Trần", "Vi", "Lương", "Lô"),
                        List.of("Văn An", "Thị Hoa", "Văn Bình", "Thị Lan", "Văn Hùng", "Thị Mai"), true, List.of("Kinh", "Thai", "Hmong")),
                new DemoCountry("TH", "Nan", List.of("Mueang Nan", "Bo"), List.of(
                        new Village("TH-DEMO-BANNONGBUA", "Ban Nong Bua", "บ้านหนองบัว", 18.80, 100.75, 200, false),
                        new Village("TH-DEMO-BANDONCHAI", "Ban Don Chai", "บ้านดอนไชย", 18.78, 100.78, 180, false)),
                        70_000, 0.6, 3.2, 0.98, 0.80, 0.85, 0.60, 1.00, 0.93,
                        List.of("ใจดี", "สุขสันต์", "ทองคำ", "ศรีสุข"),
                        List.of("สมชาย", "สมหญิง", "ประเสริฐ", "มาลี", "วิชัย", "นงลักษณ์"), false, List.of("Thai", "Lua")),
                new DemoCountry("ID", "Nusa Tenggara Timur", List.of("Kupang", "Amarasi"), List.of(
                        new Village("ID-DEMO-OEMATNUNU", "Oematnunu", "Desa Oematnunu", -10.20, 123.75, 200, false),
                        new Village("ID-DEMO-BUAN", "Buan", "Desa Buan", -10.25, 123.80, 180, false)),
                        15_000_000, 0.7, 4.4, 0.70, 0.40, 0.55, 0.35, 0.85, 0.80,
                        List.of("Tefa", "Nenobais", "Lakapu", "Benu"),
                        List.of("Yohanes", "Maria", "Agustinus", "Yuliana", "Petrus", "Ferderika"), false, List.of("Atoni", "Rote")),
                new DemoCountry("PH", "Eastern Samar", List.of("Borongan"), List.of(
                        new Village("PH-DEMO-SABANGAN", "Sabang", "Barangay Sabang", 11.60, 125.43, 180, false),
                        new Village("PH-DEMO-MAYBACONG", "Maybacong", "Barangay Maybacong", 11.62, 125.40, 160, false)),
                        50_000, 0.7, 4.4, 0.80, 0.45, 0.70, 0.40, 0.90, 0.82,
                        List.of("Dela Cruz", "Abuda", "Cabacang", "Macabenta"),
                        List.of("Juan", "Maria", "Jose", "Rosalinda", "Rodel", "Marites"), false, List.of("Waray")),
                new DemoCountry("MY", "Sabah", List.of("Kota Marudu", "Tandek"), List.of(
                        new Village("MY-DEMO-KAMPUNGTANDEK", "Kampung Tandek", "Kampung Tandek", 6.43, 116.80, 120, false)),
                        20_000, 0.6, 4.5, 0.95, 0.75, 0.80, 0.85, 0.98, 0.90,
                        List.of("bin Abdullah", "binti Ismail", "anak Gimbang"),
                        List.of("Ahmad", "Siti", "Johnny", "Rosnah", "Jainal", "Marlina"), false, List.of("Kadazan-Dusun", "Rungus", "Bajau")),
                new DemoCountry("BN", "Tutong", List.of("Tanjong Maya"), List.of(
                        new Village("BN-DEMO-KAMPUNGBUKITUDAL", "Kampong Bukit Udal", "Kampong Bukit Udal", 4.73, 114.66, 50, false)),
                        15_000, 0.5, 5.0, 1.00, 0.95, 0.95, 0.95, 1.00, 0.98,
                        List.of("bin Haji Md", "binti Abdul"),
                        List.of("Hassan", "Nurul", "Rahim", "Aminah"), false, List.of("Malay", "Dusun")));
    }

    private static List<Village> guangxiVillages() {
        String[][] names = {
                {"Dazhai", "大寨村"}, {"Nongdong", "弄东村"}, {"Xinhe", "新合村"}, {"Banpo", "板坡村"}, {"Napo", "那坡村"},
                {"Longhe", "龙合村"}, {"Shuangxing", "双兴村"}, {"Pingban", "平班村"}, {"Ganhe", "甘河村"}, {"Changfa", "常发村"}};
        List<Village> list = new java.util.ArrayList<>();
        for (int i = 0; i < names.length; i++) {
            list.add(new Village("CN-DEMO-GX-" + names[i][0].toUpperCase(), names[i][0], names[i][1],
                    24.77 + i * 0.02, 105.34 + i * 0.03, 150, false));
        }
        return list;
    }
}
