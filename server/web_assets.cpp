#include "web_assets.hpp"

#include <fstream>
#include <sstream>

namespace gazette::server {

bool is_asset_name(std::string_view name) {
    if (name.empty() || name.size() > 100 || name.front() == '.') return false;
    for (const char c : name) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
                        c == '_' || c == '.';
        if (!ok) return false;
    }
    return true;
}

std::string content_type_for(std::string_view name) {
    const auto dot = name.rfind('.');
    const std::string_view ext = dot == std::string_view::npos ? std::string_view() : name.substr(dot + 1);
    if (ext == "html") return "text/html; charset=utf-8";
    if (ext == "js" || ext == "mjs") return "text/javascript; charset=utf-8";
    if (ext == "css") return "text/css; charset=utf-8";
    if (ext == "svg") return "image/svg+xml";
    if (ext == "png") return "image/png";
    if (ext == "ico") return "image/x-icon";
    if (ext == "json") return "application/json";
    if (ext == "woff2") return "font/woff2";
    if (ext == "txt") return "text/plain; charset=utf-8";
    return "application/octet-stream";
}

std::optional<WebAsset> find_web_asset(std::string_view name, const std::string& web_root) {
    if (!is_asset_name(name)) return std::nullopt;
    if (!web_root.empty()) {
        std::ifstream file(web_root + "/" + std::string(name), std::ios::binary);
        if (!file) return std::nullopt;
        std::ostringstream bytes;
        bytes << file.rdbuf();
        return WebAsset{content_type_for(name), bytes.str(), ""};
    }
    for (const auto& asset : embedded_assets())
        if (asset.name == name)
            return WebAsset{content_type_for(name), std::string(asset.bytes), std::string(asset.etag)};
    return std::nullopt;
}

} // namespace gazette::server
