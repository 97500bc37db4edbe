// Internal: the significance tests effect verification uses. Pure functions; thread-safe.
#ifndef VOC_WORKFLOW_STATS_H_
#define VOC_WORKFLOW_STATS_H_

#include <cstdint>
#include <vector>

namespace voc::workflow {

struct TestResult {
  double statistic = 0;   // z or t (NaN-free: 0 when undefined)
  double p_value = 1;     // two-sided
  double df = 0;          // Welch degrees of freedom
};

// Standard normal CDF.
double NormalCdf(double z);

// Regularized incomplete beta I_x(a, b) (continued fraction, Numerical Recipes 6.4).
double RegularizedIncompleteBeta(double a, double b, double x);

// CDF of Student's t with `df` (> 0, may be fractional) degrees of freedom.
double StudentTCdf(double t, double df);

// Pooled two-proportion z-test of x1/n1 against x2/n2; statistic = (p2 - p1) / se.
TestResult TwoProportionZTest(int64_t x1, int64_t n1, int64_t x2, int64_t n2);

// Fisher's exact test on the 2x2 table [[a, b], [c, d]], two-sided: the sum of the
// probabilities of all tables with the same margins no more likely than the observed one.
// Log-factorials keep it exact-enough for counts into the millions.
double FisherExactTwoSided(int64_t a, int64_t b, int64_t c, int64_t d);

// True when every expected cell count of the 2x2 table is >= 5 (the usual rule for the
// normal approximation); otherwise use Fisher's exact test.
bool ZTestApplicable(int64_t x1, int64_t n1, int64_t x2, int64_t n2);

// Welch's unequal-variance t-test from summary statistics (sample variances, n >= 2 each);
// statistic = (mean2 - mean1) / se.
TestResult WelchTTest(double mean1, double var1, int64_t n1, double mean2, double var2,
                      int64_t n2);
TestResult WelchTTest(const std::vector<double>& a, const std::vector<double>& b);

// Sample mean and variance (n - 1 denominator; 0 when n < 2).
void MeanVariance(const std::vector<double>& v, double* mean, double* variance);

}  // namespace voc::workflow

#endif  // VOC_WORKFLOW_STATS_H_
