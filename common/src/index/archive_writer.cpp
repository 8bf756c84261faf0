#include "index/archive_writer.hpp"

#include <gazette/error.hpp>

#include "analysis/synonyms.hpp"
#include "index/article_document.hpp"
#include "index/bulk_build.hpp"
#include "index/schema.hpp"
#include "util/disk_space.hpp"
#include "util/fsync_dir.hpp"
#include "util/remove_tree.hpp"
#include "util/text_util.hpp"
#include "util/xapian_errors.hpp"

#include <algorithm>
#include <filesystem>
#include <limits>

namespace fs = std::filesystem;

namespace gazette::detail {

namespace {

// More partitions than this open after a commit are closed: a writer usually writes to the
// newest one or two, and each open one holds file handles and buffers.
constexpr std::size_t max_open_after_commit = 8;

// Where a bulk build of a new archive writes its shards: DIR/bulk.gazette-shards.
constexpr std::string_view bulk_name = "bulk";

bool ends_with(std::string_view s, std::string_view suffix) {
    return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

bool contains(const std::vector<std::string>& names, const std::string& name) {
    return std::find(names.begin(), names.end(), name) != names.end();
}

} // namespace

ArchiveWriter::ArchiveWriter(const std::string& path, const WriterOptions& options)
    : path_(path), lock_(path), batch_size_(std::max<std::size_t>(1, options.batch_size)) {
    std::error_code ec;
    fs::create_directories(path_, ec);
    if (ec) throw Error(ErrorCode::io_error, path_ + ": cannot create the archive directory: " + ec.message());
    with_xapian_errors(path_, [&] {
        meta_ = Xapian::WritableDatabase(part_path(std::string(meta_partition)),
                                         Xapian::DB_CREATE_OR_OPEN | Xapian::DB_BACKEND_GLASS);
        check_schema_version(meta_, path_);
        if (meta_.get_metadata("gazette.schema_version").empty()) {
            const auto partitioning = parse_partitioning(options.partition);
            if (!partitioning)
                throw Error(ErrorCode::invalid_argument,
                            path_ + ": the archive was never completed; create it again with a partitioning (month "
                                    "or year)");
            // A new archive: its settings, durably, before any partition.
            AnalysisSettings settings{canonical_language(options.language), options.stopwords,
                                      options.detect_languages};
            if (!has_stemmer(settings.language))
                throw Error(ErrorCode::invalid_argument, "no stemmer for language '" + options.language + "'");
            store_schema(meta_, settings);
            meta_.set_metadata(metadata_partitioning, std::string(partitioning_name(*partitioning)));
            meta_.commit();
            partitioning_ = *partitioning;
            analyzer_.emplace(settings);
        } else {
            const auto stored = parse_partitioning(meta_.get_metadata(metadata_partitioning));
            if (!stored)
                throw Error(ErrorCode::database_corrupt, path_ + ": the archive does not say how it is partitioned");
            if (!options.partition.empty() && options.partition != partitioning_name(*stored))
                throw Error(ErrorCode::invalid_argument, path_ + ": the archive is partitioned by " +
                                                             std::string(partitioning_name(*stored)) + ", not by " +
                                                             options.partition);
            partitioning_ = *stored;
            analyzer_.emplace(AnalysisSettings::load(meta_));
        }
    });
    fsync_directory(part_path(std::string(meta_partition)));
    recover();
    refresh_committed({});
    mapper_.emplace(*analyzer_);
    start_stories();
    if (const unsigned threads = bulk_threads(options.threads); partitions_.empty() && threads > 1)
        bulk_ = std::make_unique<BulkBuild>(
            part_path(std::string(bulk_name)), analyzer_->settings(), threads, batch_size_, BulkBuildTuning{},
            [p = partitioning_](const Article& a) { return partition_for(a.published, p); },
            [p = partitioning_](const std::string& group) { return partition_period(group, p); });
}

ArchiveWriter::~ArchiveWriter() {
    abandon();
}

std::string ArchiveWriter::part_path(const std::string& name) const {
    return (fs::path(path_) / name).string();
}

void ArchiveWriter::recover() {
    std::error_code ec;
    std::vector<std::string> listed;
    const bool have_stub = fs::exists(stub_path(path_), ec);
    if (have_stub) listed = read_stub(path_);
    std::vector<std::string> kept;
    for (const auto& name : listed) {
        if (!is_partition_name(name, partitioning_)) continue;
        recover_interrupted_build(part_path(name)); // a seal's swap, half done
        if (fs::exists(fs::path(part_path(name)) / "iamglass", ec)) kept.push_back(name);
    }
    std::sort(kept.begin(), kept.end());
    kept.erase(std::unique(kept.begin(), kept.end()), kept.end());
    // What the stub does not list was created and never written to, or was being dropped.
    for (const auto& entry : fs::directory_iterator(path_, ec)) {
        std::string name = entry.path().filename().string();
        for (const char* suffix : {".gazette-new", ".gazette-old", ".gazette-shards"})
            if (ends_with(name, suffix)) name.resize(name.size() - std::string_view(suffix).size());
        if (is_partition_name(name, partitioning_) && !std::binary_search(kept.begin(), kept.end(), name))
            remove_tree(entry.path().string());
    }
    // An interrupted bulk build: its partitions were not listed yet, and are gone now.
    remove_tree(bulk_shards_dir(part_path(std::string(bulk_name))));
    partitions_ = kept;
    if (!have_stub || kept != listed) write_stub(path_, partitions_);
}

void ArchiveWriter::refresh_committed(const std::set<std::string>& changed, const std::set<std::string>& replaced) {
    with_xapian_errors(path_, [&] {
        std::map<std::string, Xapian::Database> now;
        for (const auto& name : partitions_) {
            auto kept = committed_.find(name);
            if (kept == committed_.end() || replaced.count(name) > 0) {
                now.emplace(name, Xapian::Database(part_path(name), Xapian::DB_BACKEND_GLASS));
                continue;
            }
            if (changed.count(name) > 0) kept->second.reopen();
            now.emplace(name, std::move(kept->second));
        }
        committed_ = std::move(now);
    });
}

void ArchiveWriter::start_stories() {
    story_parts_.clear();
    story_placement_ = {};
    for (const auto& name : partitions_) story_part(name);
    // One writer, which reports its own commits: everything committed counts. The view's parts
    // bring the filters of filters_ once they are loaded; until then (an empty archive) the
    // story index keeps its own, small at first, as partitions are small databases.
    stories_ = std::make_unique<StoryIndex>([this] { return open_story_view(); }, 1, std::size_t{1} << 15);
}

unsigned ArchiveWriter::story_part(const std::string& name) {
    const auto found = story_placement_.groups.find(name);
    if (found != story_placement_.groups.end()) return found->second.front().database;
    const auto place = static_cast<unsigned>(story_parts_.size());
    story_parts_.push_back(name);
    story_placement_.groups[name] = {{0, place}};
    return place;
}

StoryView ArchiveWriter::open_story_view() const {
    StoryView view;
    for (std::size_t i = 0; i < story_parts_.size(); ++i) {
        // A partition dropped since keeps its place, empty. The committed state is shared, kept
        // up to date by the commits.
        const auto part = committed_.find(story_parts_[i]);
        if (part == committed_.end()) continue;
        const auto filters = filters_.find(story_parts_[i]);
        view.parts.push_back({part->second, std::numeric_limits<Xapian::docid>::max(), 0, static_cast<unsigned>(i),
                              filters != filters_.end() ? &filters->second.bands : nullptr});
        // The lookups skip the partitions outside an article's story window.
        view.parts.back().period = partition_period(story_parts_[i], partitioning_);
    }
    return view;
}

void ArchiveWriter::create_partition(const std::string& name) {
    const std::string path = part_path(name);
    for (const auto& leftover : {path, path + ".gazette-new", path + ".gazette-old"}) remove_tree(leftover);
    Xapian::WritableDatabase db(path, Xapian::DB_CREATE | Xapian::DB_BACKEND_GLASS);
    // Each partition describes itself, so that it can be opened, or served, on its own.
    store_schema(db, analyzer_->settings());
    db.commit();
    fsync_directory(path);
    filters_.try_emplace(name, filters_for_new_partition());
    partitions_.insert(std::lower_bound(partitions_.begin(), partitions_.end(), name), name);
    story_part(name);
    write_stub(path_, partitions_);
    open_.emplace(name, Writable{std::move(db)});
    refresh_committed({});
}

PartitionFilters ArchiveWriter::filters_for_new_partition() const {
    // Sized for twice the articles the archive's partitions hold on average. Grown from the
    // smallest size instead, a month of a million-article archive had a chain of seven filters,
    // each asked for every band term the gate let through, in every partition: 1.7% of a run.
    std::size_t per_partition = 0;
    if (gate_ && !committed_.empty()) per_partition = gate_->ids.count() / committed_.size();
    return {GrowingBloomFilter(2 * per_partition), GrowingBloomFilter(2 * per_partition * minhash_bands)};
}

ArchiveWriter::Writable& ArchiveWriter::writable(const std::string& name) {
    auto it = open_.find(name);
    if (it == open_.end()) {
        if (std::binary_search(partitions_.begin(), partitions_.end(), name))
            open_.emplace(name, Writable{Xapian::WritableDatabase(part_path(name), Xapian::DB_BACKEND_GLASS)});
        else
            create_partition(name);
        it = open_.find(name);
    }
    Writable& w = it->second;
    if (!w.in_transaction) {
        w.db.begin_transaction(true);
        w.in_transaction = true;
        // Written to again: the next seal compacts it again.
        if (!w.db.get_metadata(metadata_sealed).empty()) w.db.set_metadata(metadata_sealed, "");
    }
    return w;
}

void ArchiveWriter::load_filters() {
    if (filters_loaded_) return;
    with_xapian_errors(path_, [&] {
        for (const auto& [name, db] : committed_) filters_.try_emplace(name, load_partition_filters(db));
        gate_ = read_archive_gate(meta_);
        gate_on_disk_ = gate_ ? gate_->covered : std::map<std::string, Xapian::rev>{};
        gate_rereads_ = gate_ ? read_gate_rereads(meta_) : 0;
        if (!gate_) {
            // None stored (an archive from before this version of the gate): every partition is
            // read into it, once.
            std::size_t docs = 0;
            for (const auto& [name, db] : committed_) docs += db.get_doccount();
            gate_.emplace();
            gate_->ids.reset(2 * docs);
        }
        // Partitions written since the gate was stored are read into it again.
        std::map<std::string, Xapian::rev> covered;
        for (const auto& [name, db] : committed_) {
            const Xapian::rev revision = db.get_revision();
            if (const auto it = gate_->covered.find(name); it == gate_->covered.end() || it->second != revision) {
                add_partition_terms(db, *gate_);
                gate_rereads_ += db.get_doccount();
                gate_changed_ = true;
            }
            covered.emplace(name, revision);
        }
        gate_->covered = std::move(covered);
    });
    gate_stored_ = std::chrono::steady_clock::now();
    filters_loaded_ = true;
}

void ArchiveWriter::store_gate() {
    if (!gate_) return;
    with_xapian_errors(path_, [&] {
        gate_->covered.clear();
        for (const auto& [name, db] : committed_) gate_->covered.emplace(name, db.get_revision());
        write_archive_gate(meta_, *gate_);
        meta_.commit();
    });
    gate_on_disk_ = gate_->covered;
    gate_rereads_ = 0;
    gate_changed_ = false;
    gate_stored_ = std::chrono::steady_clock::now();
}

bool ArchiveWriter::gate_worth_storing() const {
    if (!gate_) return false;
    // Storing writes the whole gate, which grows with the archive (2.5 MB at 980,000 articles:
    // 7-16 ms); a partition the stored gate does not cover costs every later writer a pass over
    // its ids (0.14-0.37 us an article), until the gate is stored again: an article re-read
    // costs what storing 26-58 bytes does. (When the gate held the band terms too, it was 22.5
    // MB, and a run adding a few articles to the current month of a million-article archive
    // spent a third to two thirds of its time storing it.) So the gate is stored once the passes
    // paid since it was stored, with the next writer's, cost as much as storing it: what runs
    // spend on passes then stays within what storing at every run would have cost, whatever the
    // size of the runs.
    constexpr std::size_t gate_bytes_per_uncovered_article = 50;
    std::size_t bytes = 0;
    for (const auto& part : gate_->ids.parts()) bytes += part.words().size() * sizeof(std::uint64_t);
    std::size_t uncovered = 0;
    with_xapian_errors(path_, [&] {
        for (const auto& [name, db] : committed_)
            if (const auto it = gate_on_disk_.find(name); it == gate_on_disk_.end() || it->second != db.get_revision())
                uncovered += db.get_doccount();
    });
    return (gate_rereads_ + uncovered) * gate_bytes_per_uncovered_article >= bytes;
}

std::vector<std::string> ArchiveWriter::holders(const std::string& term, std::vector<std::string>& committed) {
    committed.clear();
    std::vector<std::string> now;
    const std::uint64_t key = fnv1a64(term);
    const bool known = !gate_ || gate_->ids.maybe_contains(key); // a new id: in no partition
    for (const auto& [name, db] : committed_) {
        if (!known) break;
        if (const auto f = filters_.find(name); f != filters_.end() && !f->second.ids.maybe_contains(key)) continue;
        if (db.term_exists(term)) committed.push_back(name);
    }
    for (const auto& name : committed)
        if (open_.count(name) == 0) now.push_back(name);
    for (auto& [name, w] : open_)
        if (w.db.term_exists(term)) now.push_back(name);
    return now;
}

void ArchiveWriter::upsert(const Article& article) {
    if (bulk_) {
        bulk_->upsert(article);
        return;
    }
    load_filters();
    const std::string target = partition_for(article.published, partitioning_);
    const std::string term = id_term(article.id);
    with_xapian_errors(path_, [&] {
        std::vector<std::string> committed;
        const auto held = holders(term, committed);
        // No committed copy: the story lookups need not look for one to skip.
        const auto built = article_document(article, *mapper_, *stories_, !committed.empty());
        for (const auto& name : held) {
            if (name == target) continue;
            // A committed copy goes after the new one is committed; one written in this batch now.
            if (contains(committed, name))
                moved_out_[name].insert(term);
            else
                writable(name).db.delete_document(term);
        }
        writable(target).db.replace_document(term, built.document);
        if (auto moved = moved_out_.find(target); moved != moved_out_.end()) {
            moved->second.erase(term);
            if (moved->second.empty()) moved_out_.erase(moved);
        }
        PartitionFilters& written = filters_[target];
        written.ids.add(fnv1a64(term));
        gate_->ids.add(fnv1a64(term));
        if (!built.signature.empty)
            for (const std::uint64_t band : band_keys(built.signature)) written.bands.add(band);
        gate_changed_ = true;
        ++(held.empty() ? written_.added : written_.updated);
        pending_text_bytes_ += article.title.size() + article.summary.size() + article.body.size();
        stories_->remember(article.id, built.signature, built.published, built.story, 0,
                           written_.added + written_.updated, target);
        changed();
    });
}

void ArchiveWriter::remove(const std::string& id) {
    if (bulk_) {
        bulk_->remove(id);
        return;
    }
    load_filters();
    const std::string term = id_term(id);
    with_xapian_errors(path_, [&] {
        std::vector<std::string> committed;
        const auto held = holders(term, committed);
        if (held.empty()) {
            ++written_.not_found;
            return;
        }
        for (const auto& name : held) {
            writable(name).db.delete_document(term);
            if (auto moved = moved_out_.find(name); moved != moved_out_.end()) {
                moved->second.erase(term);
                if (moved->second.empty()) moved_out_.erase(moved);
            }
        }
        ++written_.deleted;
        changed();
    });
}

void ArchiveWriter::set_synonyms(const std::string& text) {
    synonyms_ = text;
    if (!bulk_) changed();
}

void ArchiveWriter::changed() {
    ++pending_;
    if (pending_ >= batch_size_) commit();
}

void ArchiveWriter::commit() {
    if (bulk_) {
        finish_bulk();
        return;
    }
    if (pending_ == 0 && moved_out_.empty() && !synonyms_) return;
    std::uint64_t open_bytes = 0;
    for (const auto& [name, w] : open_) open_bytes += directory_size(part_path(name));
    require_free_space(path_, commit_space_needed(pending_text_bytes_, open_bytes));
    std::set<std::string> changed;
    with_xapian_errors(path_, [&] {
        // First the new copies, partition by partition, each all-or-nothing...
        for (auto& [name, w] : open_) {
            if (!w.in_transaction) continue;
            commit_partition(name, w);
            changed.insert(name);
        }
        // ... then the old copies of articles whose date moved them: an interruption before this
        // leaves an old copy that the next upsert of the article removes, never no copy.
        for (const auto& [name, terms] : moved_out_) {
            Writable& w = writable(name);
            for (const auto& term : terms)
                if (w.db.term_exists(term)) w.db.delete_document(term);
            commit_partition(name, w);
            changed.insert(name);
        }
        moved_out_.clear();
    });
    commit_meta();
    pending_ = 0;
    pending_text_bytes_ = 0;
    ++commits_;
    refresh_committed(changed);
    // A long run stores the gate now and then, so that an interruption costs the next writer a
    // pass over little.
    if (gate_changed_ && std::chrono::steady_clock::now() - gate_stored_ > std::chrono::minutes(1) &&
        gate_worth_storing())
        store_gate();
    with_xapian_errors(path_, [&] { stories_->committed(0, written_.added + written_.updated, &story_placement_); });
    if (open_.size() > max_open_after_commit) close_partitions();
}

void ArchiveWriter::commit_partition(const std::string& name, Writable& w) {
    store_partition_filters(w.db, filters_[name]);
    w.db.commit_transaction();
    w.in_transaction = false;
    fsync_directory(part_path(name));
}

void ArchiveWriter::commit_meta() {
    with_xapian_errors(path_, [&] {
        if (synonyms_) meta_.set_metadata(metadata_synonyms, *synonyms_);
        if (gate_) write_gate_rereads(meta_, gate_rereads_);
        meta_.set_metadata(metadata_updated_at, format_utc(current_unix_seconds()));
        meta_.commit();
    });
    fsync_directory(part_path(std::string(meta_partition)));
    synonyms_.reset();
}

void ArchiveWriter::finish_bulk() {
    // Each partition is compacted beside its place and moved in; the stub lists them last. An
    // interruption before that leaves partitions the stub does not list, which the next writer
    // deletes: the archive is as it was, empty.
    const auto output_of = [&](const std::string& name) { return bulk_output_dir(part_path(name)); };
    const std::vector<std::string> names = bulk_->compact_groups_into([&](const std::string& name) {
        remove_tree(output_of(name));
        return output_of(name);
    });
    // The filters of each partition and the archive's gate, for the writers that add to it (from
    // the terms: a pass, once).
    ArchiveGate gate;
    gate.ids.reset(2 * bulk_->counts().added);
    for (const auto& name : names) {
        with_xapian_errors(path_, [&] {
            Xapian::WritableDatabase built(output_of(name), Xapian::DB_OPEN | Xapian::DB_BACKEND_GLASS);
            store_partition_filters(built, load_partition_filters(built));
            built.commit();
            add_partition_terms(built, gate);
            gate.covered.emplace(name, built.get_revision());
        });
        replace_index(part_path(name), output_of(name));
    }
    with_xapian_errors(path_, [&] { write_archive_gate(meta_, gate); }); // committed with the stub below
    const WriteCounts built = bulk_->counts();
    bulk_.reset(); // deletes the shards
    written_.added += built.added;
    written_.updated += built.updated;
    written_.deleted += built.deleted;
    written_.not_found += built.not_found;
    partitions_ = names;
    write_stub(path_, partitions_);
    commit_meta();
    ++commits_;
    refresh_committed({}, {names.begin(), names.end()});
    filters_.clear();
    filters_loaded_ = false;
    gate_.reset();
    gate_changed_ = false;
    // The stories written so far are all committed: lookups start from the archive as it is.
    start_stories();
}

void ArchiveWriter::close_partitions() {
    for (auto& [name, w] : open_) {
        try {
            if (w.in_transaction) w.db.cancel_transaction();
            w.db.close();
        } catch (const Xapian::Error&) {
            // The partition stays at its last commit.
        }
    }
    open_.clear();
}

void ArchiveWriter::abandon() noexcept {
    bulk_.reset(); // an unfinished bulk build is discarded
    moved_out_.clear();
    close_partitions();
    // What this writer committed, the next one need not read from the partitions again, when
    // that pass would cost more than storing. The gate is a cache: not storing it (or failing
    // to) costs the next writer a pass over the partitions written since it was stored.
    if (gate_changed_) {
        try {
            if (gate_worth_storing()) store_gate();
        } catch (...) {
        }
    }
    try {
        meta_.close();
    } catch (const Xapian::Error&) {
    }
}

WriteCounts ArchiveWriter::counts() const {
    if (!bulk_) return written_;
    const WriteCounts built = bulk_->counts();
    return {written_.added + built.added, written_.updated + built.updated, written_.deleted + built.deleted,
            written_.not_found + built.not_found};
}

std::size_t ArchiveWriter::pending_changes() const {
    return bulk_ ? static_cast<std::size_t>(bulk_->changes()) : pending_;
}

std::uint64_t ArchiveWriter::document_count() const {
    if (bulk_) {
        const WriteCounts c = counts();
        return c.added - std::min(c.added, c.deleted);
    }
    return with_xapian_errors(path_, [&] {
        std::uint64_t n = 0;
        for (const auto& [name, db] : committed_)
            if (open_.count(name) == 0) n += db.get_doccount();
        for (const auto& [name, w] : open_) n += w.db.get_doccount();
        std::uint64_t moved = 0;
        for (const auto& [name, terms] : moved_out_) moved += terms.size();
        return n - std::min(n, moved);
    });
}

UnixSeconds ArchiveWriter::cutoff(const std::string& duration) {
    const auto age = parse_duration(duration);
    if (!age)
        throw Error(ErrorCode::invalid_argument,
                    "'" + duration + "' is not an age like 90d, 6M or 5y (m is minutes, M months)");
    return current_unix_seconds() - *age;
}

std::vector<std::string> ArchiveWriter::seal_older_than(const std::string& duration) {
    const auto before = cutoff(duration);
    commit();
    std::vector<std::string> sealed;
    // No structured binding: clang 14 does not let the lambdas below capture one.
    for (const auto& entry : committed_) {
        const std::string& name = entry.first;
        const Xapian::Database& db = entry.second;
        const auto period = partition_period(name, partitioning_);
        if (!period || period->second > before) continue;
        if (with_xapian_errors(path_, [&] { return !db.get_metadata(metadata_sealed).empty(); })) continue;
        if (auto it = open_.find(name); it != open_.end()) {
            with_xapian_errors(path_, [&] { it->second.db.close(); });
            open_.erase(it);
        }
        const std::string path = part_path(name), output = bulk_output_dir(path);
        remove_tree(output);
        with_xapian_errors(path_, [&] {
            // Document numbers kept: a partition's order of ties does not change with a seal.
            Xapian::Database(path, Xapian::DB_BACKEND_GLASS).compact(output, Xapian::DBCOMPACT_NO_RENUMBER);
            Xapian::WritableDatabase compacted(output, Xapian::DB_OPEN | Xapian::DB_BACKEND_GLASS);
            compacted.set_metadata(metadata_sealed, format_utc(current_unix_seconds()));
            const auto known = filters_.find(name);
            store_partition_filters(compacted,
                                    known != filters_.end() ? known->second : load_partition_filters(compacted));
            compacted.commit();
        });
        replace_index(path, output);
        sealed.push_back(name);
    }
    if (!sealed.empty()) {
        refresh_committed({}, {sealed.begin(), sealed.end()}); // new databases: opened anew
        stories_->committed(0, written_.added + written_.updated, &story_placement_);
    }
    return sealed;
}

std::vector<std::string> ArchiveWriter::drop_older_than(const std::string& duration) {
    const auto before = cutoff(duration);
    commit();
    std::vector<std::string> dropped, kept;
    for (const auto& name : partitions_) {
        const auto period = partition_period(name, partitioning_);
        (period && period->second <= before ? dropped : kept).push_back(name);
    }
    if (dropped.empty()) return dropped;
    close_partitions();
    // The stub first: from then on the partitions are not part of the archive, and a writer
    // interrupted before they are deleted deletes them when it opens the archive.
    write_stub(path_, kept);
    partitions_ = kept;
    refresh_committed({});
    for (const auto& name : dropped) filters_.erase(name);
    for (const auto& name : dropped) remove_tree(part_path(name));
    fsync_directory(path_);
    stories_->committed(0, written_.added + written_.updated, &story_placement_);
    return dropped;
}

std::vector<PartitionInfo> ArchiveWriter::partitions() const {
    return with_xapian_errors(path_, [&] {
        std::vector<PartitionInfo> out;
        for (const auto& [name, db] : committed_)
            out.push_back({name, db.get_doccount(), !db.get_metadata(metadata_sealed).empty()});
        return out;
    });
}

} // namespace gazette::detail
