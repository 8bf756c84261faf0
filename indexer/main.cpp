// gazette-index: batch-indexes articles into a Gazette index.

#include "index_command.hpp"

#include <gazette/error.hpp>
#include <gazette/input.hpp>
#include <gazette/version.hpp>

#include <CLI/CLI.hpp>

#include <cstdlib>
#include <map>
#include <string>

int main(int argc, char** argv) {
    using namespace gazette::cli;
    IndexOptions options;
    std::string format = "auto";

    CLI::App app{
        "Index news articles into a Gazette index (upsert by id).\n"
        "Inputs: files or directories of .jsonl .json .csv .rss .atom .xml .txt (optionally .gz), or - for stdin.",
        "gazette-index"};
    app.set_version_flag("--version", GAZETTE_VERSION);
    app.set_config("--config", "", "Read options from this TOML/INI file (names as below without the dashes)");
    // A misspelt or unknown key in the file is an error, not a setting silently ignored.
    app.allow_config_extras(CLI::config_extras_mode::error);
    app.add_option("--db", options.db, "Index directory (created if missing)")->required();
    app.add_option("inputs", options.inputs, "Input files or directories; - reads stdin");
    app.add_option("--format", format, "Input format: auto, jsonl, json, csv, feed (rss/atom), text")
        ->check(CLI::IsMember({"auto", "jsonl", "ndjson", "json", "csv", "feed", "rss", "atom", "xml", "text", "txt"}));
    app.add_option("--encoding", options.encoding,
                   "Character encoding of the inputs (latin1, windows-1251, shift_jis, ...). Default: feeds by "
                   "their declaration; other inputs UTF-8, with a field that is not UTF-8 read as windows-1252");
    std::vector<std::string> maps;
    app.add_option("--map", maps,
                   "Read an input field as an article field: --map datePublished=published,articleBody=body "
                   "(JSON keys and CSV columns; repeatable)")
        // One value per --map, so that the inputs after it are not taken for pairs.
        ->expected(1)
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll)
        ->allow_extra_args(false);
    const std::map<std::string, gazette::HtmlMode> html_modes{
        {"auto", gazette::HtmlMode::automatic}, {"yes", gazette::HtmlMode::yes}, {"no", gazette::HtmlMode::no}};
    app.add_option("--html", options.html,
                   "Title, summary and body of JSON, CSV and text inputs are HTML: auto (when they look like it), "
                   "yes, no")
        ->transform(CLI::CheckedTransformer(html_modes, CLI::ignore_case));
    app.add_option("--delete", options.delete_ids, "Remove the articles with these ids");
    app.add_option("--delete-file", options.delete_files, "Remove the ids listed in FILE (one per line, # comments)")
        ->check(CLI::ExistingFile);
    app.add_option("--synonyms", options.synonyms_file,
                   "Synonym groups for searches of this index, one per line: us, usa, united states")
        ->check(CLI::ExistingFile);
    app.add_option("--batch-size", options.batch_size, "Changes per committed batch (all-or-nothing)")
        ->check(CLI::Range(1, 10000000));
    app.add_option("--threads", options.threads,
                   "Threads building a new index in parallel (0: one per core, at most 8; 1: write batches directly)")
        ->check(CLI::Range(0, 64));
    app.add_option("--max-errors", options.max_errors, "Stop after N rejected records (0: never)");
    app.add_option("--show-errors", options.show_errors, "Print at most N errors to stderr");
    app.add_option("--error-log", options.error_log, "Write every rejected record's location and reason to FILE");
    app.add_option("--language", options.language, "Default stemming language of a new index (ISO 639-1)");
    app.add_flag("!--no-stopwords", options.stopwords, "Keep stopwords in a new index's stemmed terms");
    app.add_flag("--detect-language", options.detect_languages,
                 "A new index reads the language of an article that declares none from its text");
    app.add_option("--partition", options.partition,
                   "Create a time-partitioned archive: one database per month or year of publication")
        ->check(CLI::IsMember({"month", "year"}));
    app.add_option("--seal-older-than", options.seal_older_than,
                   "Archives: compact and seal the partitions whose period ended more than AGE ago (90d, 6M, 1y)");
    app.add_option("--drop-older-than", options.drop_older_than,
                   "Archives: delete the partitions whose period ended more than AGE ago, with their articles");
    app.add_flag("--partitions", options.list_partitions, "Archives: list the partitions and their articles");
    app.add_flag("--rebuild", options.rebuild,
                 "Build the index anew from the inputs, beside the old one, and swap it in when done: searches "
                 "and replicas see the old index until then");
    app.add_option("--replication", options.replication_changesets,
                   "Keep the last N commits as changesets, which xapian-replicate sends to replicas instead of "
                   "whole copies (N about the commits between two replica updates; 0: none)")
        ->check(CLI::Range(0, 100000));
    const std::map<std::string, ProgressMode> progress_modes{
        {"auto", ProgressMode::automatic}, {"always", ProgressMode::always}, {"never", ProgressMode::never}};
    app.add_option("--progress", options.progress, "Progress bar: auto (on a terminal), always, never")
        ->transform(CLI::CheckedTransformer(progress_modes, CLI::ignore_case));
    app.add_flag("-q,--quiet", options.quiet, "No progress and no summary");

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        const int code = app.exit(e);
        return code == 0 ? exit_ok : exit_usage;
    }
    options.format = *gazette::parse_input_format(format);
    try {
        for (const auto& map : maps)
            for (auto& pair : gazette::parse_field_map(map)) options.field_map.push_back(std::move(pair));
    } catch (const gazette::Error& e) {
        std::fprintf(stderr, "gazette-index: --map: %s\n", e.what());
        return exit_usage;
    }
    if (!options.encoding.empty() && !gazette::encoding_supported(options.encoding)) {
        std::fprintf(stderr, "gazette-index: --encoding: unknown character encoding '%s'\n", options.encoding.c_str());
        return exit_usage;
    }
    if (options.inputs.empty() && options.delete_ids.empty() && options.delete_files.empty() &&
        options.synonyms_file.empty() && options.seal_older_than.empty() && options.drop_older_than.empty() &&
        !options.list_partitions && options.partition.empty()) {
        std::fprintf(stderr, "gazette-index: nothing to do: give inputs, --delete, --delete-file, --synonyms, "
                             "--seal-older-than, --drop-older-than or --partitions\n");
        return exit_usage;
    }
    // Xapian reads this when each commit is written, from the environment only.
    if (options.replication_changesets > 0)
        ::setenv("XAPIAN_MAX_CHANGESETS", std::to_string(options.replication_changesets).c_str(), 1);
    return run_index(options);
}
