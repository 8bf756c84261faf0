#pragma once
// The search page's files: embedded in the binary at build time (cmake/embed_assets.cmake), or
// read from a directory with --web-root while the page is being worked on.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gazette::server {

struct EmbeddedAsset {
    std::string_view name; ///< file name in server/web/, e.g. "app.js"
    std::string_view bytes;
    std::string_view etag; ///< quoted, from the file's SHA-256
};

/// Every file of server/web/, generated.
const std::vector<EmbeddedAsset>& embedded_assets();

struct WebAsset {
    std::string content_type;
    std::string body;
    std::string etag; ///< empty: not cacheable (files read from --web-root)
};

/// True for a plain file name: letters, digits, '-', '_' and '.', not starting with '.'. Nothing
/// else can name an asset, so no request can reach outside the page's own files.
bool is_asset_name(std::string_view name);

/// The Content-Type for a file name, from its extension.
std::string content_type_for(std::string_view name);

/// The asset called `name`: from `web_root` when it is not empty, else embedded.
std::optional<WebAsset> find_web_asset(std::string_view name, const std::string& web_root);

} // namespace gazette::server
