#pragma once
// The one place where Xapian's exceptions (which do not derive from std::exception) become
// gazette::Error.

#include <gazette/error.hpp>

#include <xapian.h>

#include <string>
#include <utility>

namespace gazette::detail {

/// The gazette::Error for a Xapian error, with `context` (e.g. the index path) prepended.
Error translate(const Xapian::Error& error, const std::string& context);

/// Runs `fn`, translating any Xapian error.
template <typename Fn> decltype(auto) with_xapian_errors(const std::string& context, Fn&& fn) {
    try {
        return std::forward<Fn>(fn)();
    } catch (const Xapian::Error& e) {
        throw translate(e, context);
    }
}

} // namespace gazette::detail
