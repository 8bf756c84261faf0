#include "search/ranking_weight.hpp"

#include <cmath>

namespace gazette::detail {

const std::vector<double>& LengthNormTable::for_product(double c_product_avlen) {
    if (c_product_avlen != product_ || norms_.empty()) {
        norms_.resize(size);
        norms_[0] = 0; // no posting has length 0
        for (Xapian::termcount length = 1; length < size; ++length)
            norms_[length] = std::log2(1 + c_product_avlen / length);
        product_ = c_product_avlen;
    }
    return norms_;
}

TabledIneB2Weight::TabledIneB2Weight(std::shared_ptr<LengthNormTable> table, double c)
    : table_(std::move(table)), param_c_(c) {
    // The statistics Xapian::IneB2Weight asks for.
    need_stat(AVERAGE_LENGTH);
    need_stat(DOC_LENGTH);
    need_stat(DOC_LENGTH_MIN);
    need_stat(COLLECTION_SIZE);
    need_stat(WDF);
    need_stat(WDF_MAX);
    need_stat(WQF);
    need_stat(COLLECTION_FREQ);
    need_stat(TERMFREQ);
}

TabledIneB2Weight* TabledIneB2Weight::clone() const {
    return new TabledIneB2Weight(table_, param_c_);
}

// The constants of Xapian::IneB2Weight::init, computed the same way.
void TabledIneB2Weight::init(double factor) {
    if (factor == 0.0) return; // the term-independent part, always 0 in IneB2
    c_product_avlen_ = param_c_ * get_average_length();
    norms_ = &table_->for_product(c_product_avlen_);
    double wdfn_upper = get_wdf_upper_bound();
    if (wdfn_upper == 0) {
        upper_bound_ = 0.0;
        return;
    }
    wdfn_upper *= std::log2(1 + c_product_avlen_ / get_doclength_lower_bound());
    const double n = get_collection_size();
    const double f = get_collection_freq();
    const double termfreq = get_termfreq();
    const double max_wdfn_product_b = (f + 1.0) / (termfreq + (termfreq / wdfn_upper));
    const double expected_max = n * (1.0 - std::exp(-(f / n)));
    const double idf_max = std::log2((n + 1.0) / (expected_max + 0.5));
    wqf_product_idf_ = get_wqf() * idf_max * factor;
    b_constant_ = (f + 1.0) / termfreq;
    upper_bound_ = max_wdfn_product_b * idf_max * get_wqf() * factor;
}

std::string TabledIneB2Weight::name() const {
    return "gazette::TabledIneB2Weight";
}

double TabledIneB2Weight::get_sumpart(Xapian::termcount wdf, Xapian::termcount length, Xapian::termcount) const {
    if (wdf == 0) return 0.0;
    double wdfn = wdf;
    wdfn *= length < LengthNormTable::size ? (*norms_)[length] : std::log2(1 + c_product_avlen_ / length);
    const double wdfn_product_b = wdfn * b_constant_ / (wdfn + 1.0);
    return wdfn_product_b * wqf_product_idf_;
}

double TabledIneB2Weight::get_maxpart() const {
    return upper_bound_;
}

double TabledIneB2Weight::get_sumextra(Xapian::termcount, Xapian::termcount) const {
    return 0;
}

double TabledIneB2Weight::get_maxextra() const {
    return 0;
}

} // namespace gazette::detail
