#pragma once
// Reading query parameters with their bounds; every failure is a 400 invalid_parameter that
// names the parameter and what it accepts.

#include "http_types.hpp"

#include <initializer_list>
#include <string>
#include <string_view>

namespace gazette::server {

/// Rejects parameters not in `known`, so a typo is an error rather than silently ignored.
void reject_unknown_params(const Request& request, std::initializer_list<std::string_view> known);

/// A whole number in [min, max], or `fallback` when absent.
std::size_t number_param(const Request& request, const std::string& name, std::size_t fallback, std::size_t min,
                         std::size_t max);

/// A real number in [min, max], or `fallback` when absent.
double real_param(const Request& request, const std::string& name, double fallback, double min, double max);

/// true/1 or false/0; false when absent.
bool flag_param(const Request& request, const std::string& name);

[[noreturn]] void bad_param(const std::string& message);

} // namespace gazette::server
