#pragma once
// Input field names: how column and key names found in JSON and CSV map to article fields.

#include <gazette/article.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace gazette::detail {

enum class ArticleField { id, title, body, summary, url, source, authors, tags, language, published, updated, time };

/// The field an input name refers to, case-insensitively, including common aliases
/// ("headline" -> title, "category" -> tags, "date" -> published, ...); nothing if unknown.
std::optional<ArticleField> field_for_name(std::string_view name);

/// Input names to fields: a user's mapping (`--map datePublished=published`) first, then the
/// built-in names and aliases.
class FieldNames {
  public:
    FieldNames() = default;
    /// `map`: input name -> field name or alias. @throws Error invalid_argument for a target
    /// that names no field.
    explicit FieldNames(const std::vector<std::pair<std::string, std::string>>& map);
    std::optional<ArticleField> field(std::string_view name) const;

  private:
    std::vector<std::pair<std::string, ArticleField>> user_;
};

bool is_list_field(ArticleField field);

/// Sets a single-valued field, or appends to a list field.
void assign_field(Article& article, ArticleField field, std::string value);

/// Splits a list given as one string ("a; b" or "a|b") into its items, for CSV cells.
void assign_list_cell(Article& article, ArticleField field, std::string_view cell);

/// Folds a separate time-of-day field ("15:01:01") into a date-only `published`.
void merge_time_of_day(Article& article, std::string_view time);

} // namespace gazette::detail
