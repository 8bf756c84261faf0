#pragma once
// Small article fixtures whose expected search order is known.

#include <gazette/article.hpp>

#include <string>
#include <vector>

namespace gazette::test {

inline Article article(std::string id, std::string title, std::string body, std::string published = "",
                       std::string source = "", std::vector<std::string> tags = {}, std::string language = "") {
    Article a;
    a.id = std::move(id);
    a.title = std::move(title);
    a.body = std::move(body);
    a.published = std::move(published);
    a.source = std::move(source);
    a.tags = std::move(tags);
    a.language = std::move(language);
    return a;
}

/// Six articles over three sources and four years.
inline std::vector<Article> newsroom() {
    return {
        article("bridge-1", "Tessaly Bridge closes for repairs",
                "The Tessaly Bridge closed on Monday after inspectors found cracks in two support cables. Commuters "
                "face long detours.",
                "2019-03-14", "Gazette Wire", {"transport", "infrastructure"}),
        article("bridge-2", "Bridge toll rejected by council",
                "Council voted against a toll on the Tessaly Bridge to pay for the repair of the cables.",
                "2023-04-12T09:00:00Z", "Harbor Daily", {"transport", "politics"}),
        article("heat-1", "Heatwave breaks records in Dunmore",
                "Temperatures reached 41 degrees as the heatwave spread wildfires across the valley.", "2023-07-18",
                "Gazette Wire", {"climate", "weather"}),
        article("rates-1", "Reserve bank raises interest rates",
                "The central bank raised its interest rate by half a point to fight inflation, the largest rise since "
                "2008.",
                "2022-01-27", "Northern Ledger", {"economy", "finance"}),
        article("solar-1", "Brightwater solar farm opens",
                "The solar farm will power 40,000 homes. R&D costs fell, engineers said <3 the new panels.",
                "2024-05-02", "Harbor Daily", {"energy", "climate"}),
        article("canicule-fr", "Canicule record à Dunmore",
                "Les températures ont atteint 41 degrés pendant la canicule, et les incendies se sont propagés.",
                "2023-07-19", "Gazette Wire", {"climate"}, "fr"),
    };
}

} // namespace gazette::test
