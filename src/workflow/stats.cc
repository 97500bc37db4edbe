#include "workflow/stats.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace voc::workflow {
namespace {

double LogFactorial(int64_t n) { return std::lgamma(static_cast<double>(n) + 1.0); }

// Continued fraction for the incomplete beta function (modified Lentz).
double BetaContinuedFraction(double a, double b, double x) {
  constexpr int kMaxIterations = 300;
  constexpr double kEps = 1e-15;
  constexpr double kTiny = 1e-300;
  const double qab = a + b, qap = a + 1, qam = a - 1;
  double c = 1, d = 1 - qab * x / qap;
  if (std::fabs(d) < kTiny) d = kTiny;
  d = 1 / d;
  double h = d;
  for (int m = 1; m <= kMaxIterations; ++m) {
    const int m2 = 2 * m;
    double aa = m * (b - m) * x / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (std::fabs(d) < kTiny) d = kTiny;
    c = 1 + aa / c;
    if (std::fabs(c) < kTiny) c = kTiny;
    d = 1 / d;
    h *= d * c;
    aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (std::fabs(d) < kTiny) d = kTiny;
    c = 1 + aa / c;
    if (std::fabs(c) < kTiny) c = kTiny;
    d = 1 / d;
    const double del = d * c;
    h *= del;
    if (std::fabs(del - 1) < kEps) break;
  }
  return h;
}

}  // namespace

double NormalCdf(double z) { return 0.5 * std::erfc(-z / std::sqrt(2.0)); }

double RegularizedIncompleteBeta(double a, double b, double x) {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const double ln_front = std::lgamma(a + b) - std::lgamma(a) - std::lgamma(b) +
                          a * std::log(x) + b * std::log1p(-x);
  const double front = std::exp(ln_front);
  // Use the symmetry relation where the continued fraction converges fast.
  if (x < (a + 1) / (a + b + 2)) return front * BetaContinuedFraction(a, b, x) / a;
  return 1 - front * BetaContinuedFraction(b, a, 1 - x) / b;
}

double StudentTCdf(double t, double df) {
  if (!(df > 0) || std::isnan(t)) return 0.5;
  if (std::isinf(t)) return t > 0 ? 1 : 0;
  const double x = df / (df + t * t);
  const double tail = 0.5 * RegularizedIncompleteBeta(df / 2, 0.5, x);
  return t > 0 ? 1 - tail : tail;
}

TestResult TwoProportionZTest(int64_t x1, int64_t n1, int64_t x2, int64_t n2) {
  TestResult r;
  if (n1 <= 0 || n2 <= 0) return r;
  const double p1 = static_cast<double>(x1) / n1, p2 = static_cast<double>(x2) / n2;
  const double pooled = static_cast<double>(x1 + x2) / (n1 + n2);
  const double se = std::sqrt(pooled * (1 - pooled) * (1.0 / n1 + 1.0 / n2));
  if (!(se > 0)) return r;  // both proportions 0 or both 1: no evidence of a difference
  r.statistic = (p2 - p1) / se;
  r.p_value = std::min(1.0, 2 * NormalCdf(-std::fabs(r.statistic)));
  return r;
}

bool ZTestApplicable(int64_t x1, int64_t n1, int64_t x2, int64_t n2) {
  if (n1 <= 0 || n2 <= 0) return false;
  const double n = static_cast<double>(n1 + n2);
  const double col1 = static_cast<double>(x1 + x2), col2 = n - col1;
  const double e[] = {n1 * col1 / n, n1 * col2 / n, n2 * col1 / n, n2 * col2 / n};
  return std::all_of(std::begin(e), std::end(e), [](double v) { return v >= 5; });
}

double FisherExactTwoSided(int64_t a, int64_t b, int64_t c, int64_t d) {
  if (a < 0 || b < 0 || c < 0 || d < 0) return 1;
  const int64_t r1 = a + b, r2 = c + d, c1 = a + c, n = a + b + c + d;
  if (n == 0) return 1;
  // log P(table with top-left x) for fixed margins (hypergeometric).
  const double base = LogFactorial(r1) + LogFactorial(r2) + LogFactorial(c1) +
                      LogFactorial(n - c1) - LogFactorial(n);
  auto log_p = [&](int64_t x) {
    return base - LogFactorial(x) - LogFactorial(r1 - x) - LogFactorial(c1 - x) -
           LogFactorial(r2 - c1 + x);
  };
  const int64_t lo = std::max<int64_t>(0, c1 - r2), hi = std::min(r1, c1);
  const double observed = log_p(a);
  // Relative tolerance so tables as likely as the observed one count despite rounding.
  const double cutoff = observed + 1e-7;
  double p = 0;
  for (int64_t x = lo; x <= hi; ++x) {
    const double lp = log_p(x);
    if (lp <= cutoff) p += std::exp(lp);
  }
  return std::min(1.0, p);
}

TestResult WelchTTest(double mean1, double var1, int64_t n1, double mean2, double var2,
                      int64_t n2) {
  TestResult r;
  if (n1 < 2 || n2 < 2) return r;
  const double s1 = var1 / n1, s2 = var2 / n2;
  const double se = std::sqrt(s1 + s2);
  if (!(se > 0)) {
    if (mean1 != mean2) {  // no spread at all but different means: certain difference
      r.statistic = mean2 > mean1 ? std::numeric_limits<double>::infinity()
                                  : -std::numeric_limits<double>::infinity();
      r.p_value = 0;
    }
    return r;
  }
  r.statistic = (mean2 - mean1) / se;
  r.df = (s1 + s2) * (s1 + s2) /
         (s1 * s1 / static_cast<double>(n1 - 1) + s2 * s2 / static_cast<double>(n2 - 1));
  r.p_value = std::min(1.0, 2 * StudentTCdf(-std::fabs(r.statistic), r.df));
  return r;
}

void MeanVariance(const std::vector<double>& v, double* mean, double* variance) {
  *mean = 0;
  *variance = 0;
  if (v.empty()) return;
  // Welford: stable for large n.
  double m = 0, s = 0;
  int64_t k = 0;
  for (double x : v) {
    ++k;
    const double delta = x - m;
    m += delta / k;
    s += delta * (x - m);
  }
  *mean = m;
  *variance = k > 1 ? s / (k - 1) : 0;
}

TestResult WelchTTest(const std::vector<double>& a, const std::vector<double>& b) {
  double m1, v1, m2, v2;
  MeanVariance(a, &m1, &v1);
  MeanVariance(b, &m2, &v2);
  return WelchTTest(m1, v1, static_cast<int64_t>(a.size()), m2, v2,
                    static_cast<int64_t>(b.size()));
}

}  // namespace voc::workflow
