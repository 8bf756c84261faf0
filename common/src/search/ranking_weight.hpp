#pragma once
// Gazette's ranking: IneB2 (divergence from randomness) with its standard parameter c = 1.
//
// Xapian::IneB2Weight computes log2(1 + c·avlen / length) for every posting it scores, and that
// log was the biggest single cost of a short query (a tenth of its CPU time with the rest of
// IneB2). It depends only on the document's length, so this class looks it up in a table of
// the common lengths, built once per average length and kept by the searcher. The arithmetic is
// Xapian's own, in the same order: scores are bit-identical to Xapian::IneB2Weight's (a test
// compares them). Remote parts score with Xapian's class, which xapian-tcpsrv knows by name.

#include <xapian.h>

#include <memory>
#include <vector>

namespace gazette::detail {

/// log2(1 + c·avlen / length) for lengths below `size`, for one value of c·avlen at a time.
class LengthNormTable {
  public:
    static constexpr Xapian::termcount size = 4096; // 32 KiB: stays in the L1/L2 cache

    /// The table for this c·avlen; rebuilt only when it changes (a new revision of the index).
    const std::vector<double>& for_product(double c_product_avlen);

  private:
    double product_ = -1;
    std::vector<double> norms_;
};

class TabledIneB2Weight : public Xapian::Weight {
  public:
    /// `table` is shared by the clones Xapian makes per term; one searcher (one thread) owns it.
    explicit TabledIneB2Weight(std::shared_ptr<LengthNormTable> table, double c = 1.0);

    TabledIneB2Weight* clone() const override;
    void init(double factor) override;
    std::string name() const override;
    double get_sumpart(Xapian::termcount wdf, Xapian::termcount length, Xapian::termcount) const override;
    double get_maxpart() const override;
    double get_sumextra(Xapian::termcount, Xapian::termcount) const override;
    double get_maxextra() const override;

  private:
    std::shared_ptr<LengthNormTable> table_;
    double param_c_;
    const std::vector<double>* norms_ = nullptr;
    double wqf_product_idf_ = 0;
    double c_product_avlen_ = 0;
    double b_constant_ = 0;
    double upper_bound_ = 0;
};

} // namespace gazette::detail
