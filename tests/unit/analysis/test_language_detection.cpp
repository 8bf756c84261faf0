// Reading the language of an article that declares none from its text.

#include "analysis/language_detection.hpp"

#include <catch2/catch.hpp>

using gazette::detail::LanguageDetector;

TEST_CASE("an article's language is read from its text when it is not the index's") {
    const LanguageDetector english("en");
    CHECK(english.detect({"Die Regierung plant neue Häuser in Berlin",
                          "Die Bundesregierung hat am Montag beschlossen, tausende neue Wohnungen zu bauen."}) == "de");
    CHECK(english.detect(
              {"L'économie française après les élections",
               "Après les élections législatives, l'économie du pays reste fragile selon le gouvernement."}) == "fr");
    CHECK(english.detect({"Правительство утвердило новый бюджет",
                          "Правительство России в понедельник утвердило проект бюджета на следующий год."}) == "ru");
    CHECK(english.detect({"الحكومة تقر الميزانية الجديدة",
                          "أقرت الحكومة يوم الاثنين مشروع الميزانية للعام المقبل بعد نقاش طويل."}) == "ar");
    CHECK(english.detect({"政府公布新预算", "政府周一公布了明年的新预算，将增加教育和医疗支出。"}) == "zh");
    CHECK(english.detect({"政府が新しい予算案を発表", "政府は月曜日、来年度の予算案を発表した。教育費が増加する。"}) ==
          "ja");
    CHECK(english.detect({"정부, 새 예산안을 발표", "정부는 월요일 내년도 예산안을 발표했다. 교육 예산이 늘어난다."}) ==
          "ko");
    CHECK(english.detect({"Hükümet yeni bütçeyi açıkladı",
                          "Hükümet pazartesi günü gelecek yılın bütçesini açıkladı. Eğitim harcamaları artacak."}) ==
          "tr");
    CHECK(english.detect({"El gobierno presenta los nuevos presupuestos",
                          "El gobierno de España presentó el lunes los presupuestos para el próximo año."}) == "es");
    // The summary alone, as many feed items have it.
    CHECK(english.detect({"", "De regering heeft maandag de begroting voor volgend jaar gepresenteerd, met meer geld "
                              "voor onderwijs en zorg."}) == "nl");
}

TEST_CASE("text in the index's language, or too little to tell, keeps the index's language") {
    const LanguageDetector english("en");
    CHECK(english
              .detect({"Government unveils new budget",
                       "The government on Monday unveiled its budget for next year, raising spending on education."})
              .empty());
    // Terse wire copy and tables have few stopwords: the detector is asked, and answers English.
    CHECK(english
              .detect({"CASSA DI RISPARMIO DI ROMA LAUNCHING CD PROGRAM",
                       "Italian savings bank Cassa di Risparmio di Roma is launching a certificate of deposit "
                       "program in the U.S. market, a spokesman said."})
              .empty());
    // A short Latin-script headline of names is no evidence (this one reads as Portuguese).
    CHECK(english.detect({"RIO DE JANEIRO - IBC closes export registrations - exporters."}).empty());
    CHECK(english.detect({"", "", ""}).empty());
    CHECK(english.detect({"12,345 67.8 +0.5"}).empty());
    // A long text is read from its opening, cut between characters (here two-byte ones).
    std::string long_russian;
    while (long_russian.size() < 4096)
        long_russian += "Правительство утвердило проект бюджета на следующий год. Министры обсудили расходы на "
                        "образование и здравоохранение, а также налоги. Депутаты рассмотрят документ в первом "
                        "чтении на следующей неделе. Экономисты считают, что дефицит бюджета сократится. ";
    CHECK(english.detect({"", "", long_russian}) == "ru");
    // Other scripts are evidence enough, even short.
    CHECK(english.detect({"Правительство утвердило бюджет"}) == "ru");
    // Text that is not UTF-8 is not read at all (normalised articles always are).
    CHECK(english
              .detect({"Die Bundesregierung hat am Montag beschlossen, tausende neue Wohnungen und H\xe4user "
                       "zu bauen, und der Haushalt wird erh\xf6ht."})
              .empty());
}

TEST_CASE("an index in another language reads English as English") {
    const LanguageDetector german("de");
    CHECK(german.detect(
              {"Government unveils new budget",
               "The government on Monday unveiled its budget for next year, raising spending on education."}) == "en");
    CHECK(german
              .detect({"Die Regierung plant neue Häuser in Berlin",
                       "Die Bundesregierung hat am Montag beschlossen, tausende neue Wohnungen und Häuser zu bauen."})
              .empty());
}
