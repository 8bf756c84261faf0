#include "search/shard_set.hpp"

#include "index/archive_layout.hpp"
#include "index/schema.hpp"

#include <future>

namespace gazette::detail {

namespace {

using Clock = std::chrono::steady_clock;

useconds_t milliseconds_of(std::chrono::milliseconds ms) {
    return static_cast<useconds_t>(std::max<std::chrono::milliseconds::rep>(1, ms.count()));
}

// Xapian names a remote part in its errors' context: "remote:tcp(HOST:PORT)", or
// "remote:prog(PROGRAM ARGS)".
bool names_part(const std::string& context, const ShardSpec& spec) {
    switch (spec.kind) {
    case ShardSpec::Kind::tcp: return context == "remote:tcp(" + spec.host + ":" + std::to_string(spec.port) + ")";
    case ShardSpec::Kind::program: return context.rfind("remote:prog(" + spec.program, 0) == 0;
    case ShardSpec::Kind::local: break;
    }
    return false;
}

std::string describe(const Xapian::Error& e) {
    std::string text = e.get_type();
    text += ": ";
    text += e.get_msg();
    return text;
}

// Holds a down part's place: no documents, no terms, no statistics.
Xapian::Database empty_database() {
    return Xapian::WritableDatabase(std::string(), Xapian::DB_BACKEND_INMEMORY);
}

} // namespace

Xapian::Database open_shard(const ShardSpec& spec, const ShardOptions& options) {
    switch (spec.kind) {
    case ShardSpec::Kind::tcp:
        return Xapian::Remote::open(spec.host, spec.port, milliseconds_of(options.timeout),
                                    milliseconds_of(options.connect_timeout));
    case ShardSpec::Kind::program:
        return Xapian::Remote::open(spec.program, spec.args, milliseconds_of(options.timeout));
    case ShardSpec::Kind::local: break;
    }
    return open_for_reading(spec.path);
}

ShardSet::ShardSet(const std::string& stub, std::shared_ptr<ShardMonitor> monitor)
    : specs_(read_shard_stub(stub)), monitor_(std::move(monitor)) {
    for (const auto& spec : specs_) {
        has_remote_ = has_remote_ || spec.remote();
        ShardMonitorAccess::watch(*monitor_, spec);
    }
    parts_.resize(specs_.size());
}

void ShardSet::open() {
    // Read before the parts are opened: a change meanwhile shows as stale() next time.
    generation_ = ShardMonitorAccess::generation(*monitor_);
    Xapian::Database combined;
    for (std::size_t i = 0; i < specs_.size(); ++i) {
        parts_[i].reset();
        if (ShardMonitorAccess::is_up(*monitor_, specs_[i])) {
            try {
                Xapian::Database part = open_shard(specs_[i], monitor_->options());
                (void)part.get_doccount(); // a local part opens lazily: read it now
                parts_[i] = std::move(part);
            } catch (const Xapian::Error& e) {
                ShardMonitorAccess::report_failure(*monitor_, specs_[i], describe(e));
            }
        }
        combined.add_database(parts_[i] ? *parts_[i] : empty_database());
    }
    combined_ = std::move(combined);
    last_refresh_ = Clock::now();
}

bool ShardSet::stale() const {
    return ShardMonitorAccess::generation(*monitor_) != generation_;
}

bool ShardSet::refresh_due() const {
    return Clock::now() - last_refresh_ >= monitor_->options().refresh_interval;
}

void ShardSet::refreshed() {
    last_refresh_ = Clock::now();
}

const Xapian::Database* ShardSet::settings() const {
    const Xapian::Database* first = nullptr;
    for (const auto& part : parts_) {
        if (!part) continue;
        if (!first) first = &*part;
        if (!part->get_metadata(metadata_schema_version).empty()) return &*part;
    }
    return first;
}

bool ShardSet::any_open() const {
    for (const auto& part : parts_)
        if (part) return true;
    return false;
}

std::uint64_t ShardSet::revision() const {
    std::uint64_t sum = 0;
    for (const auto& part : parts_) {
        if (!part) continue;
        try {
            sum += part->get_revision();
        } catch (const Xapian::UnimplementedError&) {
            // Xapian 1.4's remote backend does not report revisions.
        }
    }
    return sum;
}

bool ShardSet::take_failure(const Xapian::Error& error) {
    const std::string context = error.get_context();
    for (std::size_t i = 0; i < specs_.size(); ++i) {
        if (!parts_[i] || !names_part(context, specs_[i])) continue;
        // A part that timed out may hang: it is left out at once, so that it costs one timeout.
        // Any other network error may be a connection the server closed (idle, restarted):
        // one new connection tells.
        if (std::string(error.get_type()) != "NetworkTimeoutError") {
            try {
                (void)open_shard(specs_[i], monitor_->options()).get_doccount();
                return true;
            } catch (const Xapian::Error& again) {
                ShardMonitorAccess::report_failure(*monitor_, specs_[i], describe(again));
                return true;
            }
        }
        ShardMonitorAccess::report_failure(*monitor_, specs_[i], describe(error));
        return true;
    }
    // Xapian 1.4 does not always name the part ("Connection closed unexpectedly" with no
    // context, seen when a part's listener died before the process serving the connection):
    // each remote part in use is asked on a connection of its own, and those that do not
    // answer are left out. The search then runs again on a set opened anew.
    bool any_remote = false;
    for (std::size_t i = 0; i < specs_.size(); ++i) {
        if (!parts_[i] || !specs_[i].remote()) continue;
        any_remote = true;
        try {
            (void)open_shard(specs_[i], monitor_->options()).get_doccount();
        } catch (const Xapian::Error& again) {
            ShardMonitorAccess::report_failure(*monitor_, specs_[i], describe(again));
        }
    }
    return any_remote;
}

std::vector<Xapian::Document> ShardSet::documents(const std::vector<Xapian::docid>& ids) const {
    // Xapian numbers the documents of n parts round-robin: number d is number (d - 1) / n + 1
    // of part (d - 1) % n.
    const auto n = static_cast<Xapian::docid>(specs_.size());
    std::vector<std::vector<std::size_t>> wanted(specs_.size()); // positions in `ids`, per part
    for (std::size_t i = 0; i < ids.size(); ++i) wanted[(ids[i] - 1) % n].push_back(i);
    std::vector<Xapian::Document> out(ids.size());
    const auto fetch = [&](std::size_t part) {
        for (const std::size_t i : wanted[part]) out[i] = parts_[part]->get_document((ids[i] - 1) / n + 1);
    };
    // Each thread uses one part's connection only, which nothing else touches meanwhile. The
    // futures wait for their threads even when one throws: no thread outlives this call.
    // This thread takes the part with the most documents (and the local ones) itself.
    std::size_t largest = specs_.size();
    for (std::size_t part = 0; part < specs_.size(); ++part)
        if (parts_[part] && specs_[part].remote() &&
            (largest == specs_.size() || wanted[part].size() > wanted[largest].size()))
            largest = part;
    std::vector<std::future<void>> remote;
    for (std::size_t part = 0; part < specs_.size(); ++part) {
        if (wanted[part].empty() || !parts_[part] || !specs_[part].remote() || part == largest) continue;
        remote.push_back(std::async(std::launch::async, fetch, part));
    }
    for (std::size_t part = 0; part < specs_.size(); ++part)
        if (!wanted[part].empty() && parts_[part] && (!specs_[part].remote() || part == largest)) fetch(part);
    for (auto& done : remote) done.get();
    return out;
}

ShardsInfo ShardSet::info() const {
    ShardsInfo info;
    info.total = specs_.size();
    info.successful = 0;
    for (std::size_t i = 0; i < specs_.size(); ++i) {
        if (parts_[i])
            ++info.successful;
        else
            info.failed.push_back(specs_[i].name);
    }
    return info;
}

} // namespace gazette::detail
