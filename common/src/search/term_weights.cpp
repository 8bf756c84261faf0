#include "search/term_weights.hpp"

#include "index/schema.hpp"

#include <cctype>
#include <optional>

namespace gazette::detail {

namespace {

// A term that weighs in a text match: a stem (any field), or an acronym.
bool is_text_term(const std::string& term) {
    return (!term.empty() && term[0] == 'Z') || term.compare(0, acronym_prefix.size(), acronym_prefix) == 0;
}

// "ZSvaccin" -> {"vaccin", "title"}: the stem prefix, then the field's own; "XACwho" -> "WHO".
TermWeight described(const std::string& term) {
    if (term.compare(0, acronym_prefix.size(), acronym_prefix) == 0) {
        std::string word = term.substr(acronym_prefix.size());
        for (char& c : word) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        return {word, "text", 0};
    }
    TermWeight out{term.substr(1), "text", 0};
    for (const auto& spec : fields) {
        if (spec.kind != FieldKind::free_text || spec.prefix.empty() || spec.query_name.empty()) continue;
        if (out.term.compare(0, spec.prefix.size(), spec.prefix) == 0) {
            out.term.erase(0, spec.prefix.size());
            out.field = std::string(spec.query_name);
            break;
        }
    }
    return out;
}

} // namespace

namespace {

// Walks the query as Xapian weighs it: AND, OR and phrases add up what their parts that match
// give, a filter or NOT only its left side, OP_MAX the best part; anything else (synonyms,
// wildcards) is one entry, as it is one weight.
class Breakdown {
  public:
    Breakdown(const Xapian::Database& db, const Xapian::Weight& weighting, const std::string& document_term)
        : alone_(db), document_(document_term) {
        alone_.set_weighting_scheme(weighting);
    }

    void walk(const Xapian::Query& q, double scale, std::vector<TermWeight>& out) {
        using Q = Xapian::Query;
        const auto n = q.get_num_subqueries();
        switch (q.get_type()) {
        case Q::LEAF_TERM: {
            const std::string term = *q.get_terms_begin();
            // Text terms only: filters (sources, tags, languages) weigh nothing.
            if (!is_text_term(term)) return;
            if (const auto w = weight(q)) {
                TermWeight t = described(term);
                t.weight = scale * *w;
                out.push_back(std::move(t));
            }
            return;
        }
        case Q::OP_AND:
        case Q::OP_OR:
        case Q::OP_AND_MAYBE:
        case Q::OP_XOR:
        case Q::OP_ELITE_SET:
            for (std::size_t i = 0; i < n; ++i)
                if (weight(q.get_subquery(i))) walk(q.get_subquery(i), scale, out);
            return;
        case Q::OP_PHRASE:
        case Q::OP_NEAR:
            if (weight(q))
                for (std::size_t i = 0; i < n; ++i) walk(q.get_subquery(i), scale, out);
            return;
        case Q::OP_FILTER:
        case Q::OP_AND_NOT:
            if (n > 0) walk(q.get_subquery(0), scale, out);
            return;
        case Q::OP_MAX: {
            std::optional<std::size_t> best;
            double most = 0;
            for (std::size_t i = 0; i < n; ++i)
                if (const auto w = weight(q.get_subquery(i)); w && (!best || *w > most)) best = i, most = *w;
            if (best) walk(q.get_subquery(*best), scale, out);
            return;
        }
        default: {
            if (q.get_type() == Q::OP_SCALE_WEIGHT || q.empty()) return; // the parser makes only zero scales
            const auto w = weight(q);
            if (!w || *w == 0) return;
            TermWeight t{q.get_description(), "text", scale * *w};
            if (q.get_type() == Q::OP_WILDCARD) {
                // Xapian 1.4 shows a wildcard's pattern only in its description: "Query(WILDCARD
                // SYNONYM Zvacc)".
                const std::string& d = t.term;
                const auto space = d.rfind(' ');
                if (space != std::string::npos && d.size() > space + 2 && d[space + 1] == 'Z') {
                    const TermWeight pattern = described(d.substr(space + 1, d.size() - space - 2));
                    t.term = pattern.term + "*";
                    t.field = pattern.field;
                }
            } else {
                std::string words; // a synonym group: its words
                for (auto it = q.get_unique_terms_begin(); it != q.get_unique_terms_end(); ++it)
                    if (!(*it).empty() && (*it)[0] == 'Z') words += (words.empty() ? "" : "|") + described(*it).term;
                if (!words.empty()) t.term = words;
            }
            out.push_back(std::move(t));
            return;
        }
        }
    }

  private:
    // The weight `q` gives the document, if it matches it. The filter weighs nothing, and the
    // statistics are those of the whole index, as in the search.
    std::optional<double> weight(const Xapian::Query& q) {
        alone_.set_query(Xapian::Query(Xapian::Query::OP_FILTER, q, document_));
        const Xapian::MSet mset = alone_.get_mset(0, 1);
        if (mset.empty()) return std::nullopt;
        return mset.begin().get_weight();
    }

    Xapian::Enquire alone_;
    Xapian::Query document_;
};

} // namespace

std::vector<TermWeight> term_weights(const Xapian::Database& db, const Xapian::Query& query,
                                     const Xapian::Weight& weighting, const std::string& document_term) {
    std::vector<TermWeight> out;
    Breakdown(db, weighting, document_term).walk(query, 1.0, out);
    return out;
}

} // namespace gazette::detail
