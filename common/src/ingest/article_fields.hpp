#pragma once
// Input field names: how column and key names found in JSON and CSV map to article fields.

#include <gazette/article.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace gazette::detail {

enum class ArticleField { id, title, body, summary, url, source, authors, tags, language, published, updated, time };

/// The field an input name refers to, case-insensitively, including common aliases
/// ("headline" -> title, "category" -> tags, "date" -> published, ...); nothing if unknown.
std::optional<ArticleField> field_for_name(std::string_view name);

bool is_list_field(ArticleField field);

/// Sets a single-valued field, or appends to a list field.
void assign_field(Article& article, ArticleField field, std::string value);

/// Splits a list given as one string ("a; b" or "a|b") into its items, for CSV cells.
void assign_list_cell(Article& article, ArticleField field, std::string_view cell);

/// Folds a separate time-of-day field ("15:01:01") into a date-only `published`.
void merge_time_of_day(Article& article, std::string_view time);

} // namespace gazette::detail
