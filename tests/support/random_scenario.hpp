#pragma once
// Random valid scenarios, written as TOML and read by the real loader, for property tests:
// sizes, parameters, regimes, events, projects, stockpiles, offtakes, origin tariffs and summary
// windows all vary. `extreme` pushes parameters to the edges of their valid ranges.
#include <fmt/format.h>

#include <random>
#include <string>

namespace mineralsim::testing {

class RandomScenarioWriter {
 public:
  RandomScenarioWriter(std::uint64_t seed, bool extreme) : rng_(seed), extreme_(extreme) {}

  std::string write() {
    const int commodities = integer(1, 4);
    const int suppliers = integer(1, 4);
    const int importers = integer(1, 5);
    std::string t = fmt::format("[scenario]\nname = \"random\"\nhorizon_days = 200\nseed = {}\n\n",
                                integer(0, 1000000));
    t += fmt::format(
        "[tension]\ninitial = {}\nreversion = {}\nvolatility = {}\njump_size = {}\njump_rate = "
        "{}\n\n",
        real(-2, 2), pick(0.0, 1.0, real(0.001, 0.1)), pick(0.0, 2.0, real(0.0, 0.3)),
        pick(-10.0, 10.0, real(-1, 2)), pick(0.0, 1.0, real(0, 0.02)));
    for (int c = 0; c < commodities; ++c) {
      t += fmt::format(
          "[[commodity]]\nname = \"c{}\"\nprice = {}\nprice_volatility = {}\ndemand_sensitivity = "
          "{}\n"
          "cover_sensitivity = {}\ncover_norm_days = {}\nprice_memory_days = {}\n\n",
          c, pick(1e-6, 1e9, real(1, 1000)), pick(0.0, 1.0, real(0, 0.05)),
          pick(0.0, 10.0, real(0, 0.1)), pick(0.0, 10.0, real(0, 0.05)),
          pick(1e-3, 3650.0, real(10, 120)), pick(1.0, 3650.0, real(30, 365)));
    }
    for (int s = 0; s < suppliers; ++s) t += fmt::format("[[supplier]]\nname = \"s{}\"\n\n", s);
    for (int k = 0; k < importers; ++k) t += fmt::format("[[importer]]\nname = \"k{}\"\n\n", k);
    for (int s = 0; s < suppliers; ++s) {
      for (int c = 0; c < commodities; ++c) {
        if (s > 0 && coin(0.3)) continue;
        const double full = pick(1.0, 100.0, real(1.1, 3.0));
        t += fmt::format(
            "[[supply]]\nsupplier = \"s{}\"\ncommodity = \"c{}\"\ncapacity = {}\ncost = {}\n"
            "initial_inventory_days = {}\nhome_demand = {}\nmin_utilisation = {}\n"
            "full_utilisation_ratio = {}\nfloor_price = {}\nfloor_from_day = {}\nfloor_until_day = "
            "{}\n"
            "investment_share = {}\ninvestment_lag_days = {}\n\n",
            s, c, pick(0.0, 1e9, real(0, 500)), pick(1e-6, 1e9, real(0.5, 800)),
            pick(0.0, 3650.0, real(0, 60)), pick(0.0, 1e9, real(0, 200)),
            pick(0.0, 1.0, real(0, 1)), full, coin(0.2) ? real(1, 500) : 0.0, integer(0, 100),
            integer(0, 300), pick(0.0, 10.0, real(0, 0.3)), pick(1.0, 36500.0, real(30, 400)));
      }
    }
    for (int k = 0; k < importers; ++k) {
      for (int c = 0; c < commodities; ++c) {
        if (coin(0.2)) continue;
        const int start = integer(0, 150);
        t += fmt::format(
            "[[demand]]\nimporter = \"k{}\"\ncommodity = \"c{}\"\nquantity = {}\ngrowth = {}\n"
            "elasticity = {}\nnoise = {}\nnoise_memory_days = {}\ninitial_cover_days = {}\n"
            "target_cover_days = {}\nadjustment_days = {}\ntariff = {}\npriority = {}\n"
            "precaution_gain = {}\nprecaution_memory_days = {}\nrecycling_start_share = {}\n"
            "recycling_end_share = {}\nrecycling_start_day = {}\nrecycling_end_day = {}\n\n",
            k, c, pick(0.0, 1e9, real(0, 300)), pick(-0.5, 2.0, real(-0.1, 0.2)),
            pick(0.0, 5.0, real(0, 0.5)), pick(0.0, 2.0, real(0, 0.2)),
            pick(1.0, 3650.0, real(1, 90)), pick(0.0, 3650.0, real(0, 120)),
            pick(0.0, 3650.0, real(0, 120)), pick(1.0, 3650.0, real(1, 60)),
            pick(0.0, 10.0, real(0, 0.3)), pick(1e-6, 1e6, real(0.2, 5)),
            pick(0.0, 10.0, real(0, 1)), pick(1.0, 3650.0, real(10, 400)),
            pick(0.0, 1.0, real(0, 0.3)), pick(0.0, 1.0, real(0, 0.5)), start,
            start + integer(0, 100));
      }
    }
    // Supplier s0 controls every commodity it produces (it always produces all of them).
    const int regimes = integer(0, commodities);
    for (int c = 0; c < regimes; ++c) {
      const char* levels[] = {"OPEN", "LICENSED", "RESTRICTED", "EMBARGO"};
      t += fmt::format(
          "[[regime]]\nexporter = \"s0\"\ncommodity = \"c{}\"\ninitial = \"{}\"\nlicense_stages = "
          "{}\n"
          "escalation_rate = {}\ndeescalation_rate = {}\ntension_sensitivity = {}\n"
          "license_delay_days = {}\napproval_share = {}\nquota_share = {}\nbaseline_exports = {}\n"
          "home_price = {}\nhome_price_volatility = {}\nhome_cover_sensitivity = {}\n"
          "arbitrage_rate = {}\nopenness = [1.0, {}, {}, 0.0]\nrestricted_destinations = "
          "[\"k0\"]\n\n",
          c, levels[integer(0, 3)], integer(1, 16), pick(0.0, 1.0, real(0, 0.05)),
          pick(0.0, 1.0, real(0, 0.05)), pick(0.0, 20.0, real(0, 2)),
          pick(1.0, 3650.0, real(5, 90)), pick(0.0, 1.0, real(0, 1)), pick(0.0, 10.0, real(0, 1)),
          pick(0.0, 1e9, real(0, 200)), pick(1e-6, 1e9, real(1, 1000)),
          pick(0.0, 1.0, real(0, 0.05)), pick(0.0, 10.0, real(0, 0.05)),
          pick(0.0, 1.0, real(0, 0.2)), real(0, 1), real(0, 1));
    }
    const char* actions[] = {"OPEN",  "LICENSED", "RESTRICTED", "EMBARGO",
                             "pause", "resume",   "ban",        "unban"};
    for (int e = 0; regimes > 0 && e < integer(0, 6); ++e) {
      const int action = integer(0, 7);
      t += fmt::format(
          "[[event]]\nday = {}\nexporter = \"s0\"\ncommodity = \"c{}\"\naction = \"{}\"\n",
          integer(0, 199), integer(0, regimes - 1), actions[action]);
      if (action == 4) t += fmt::format("days = {}\n", integer(1, 120));
      if (action >= 6) t += fmt::format("importer = \"k{}\"\n", integer(0, importers - 1));
      t += "\n";
    }
    for (int p = 0; p < integer(0, 3); ++p) {
      t += fmt::format(
          "[[project]]\nsupplier = \"s0\"\ncommodity = \"c{}\"\nday = {}\ncapacity = {}\n"
          "delay_median_days = {}\ndelay_sigma = {}\n\n",
          integer(0, commodities - 1), integer(0, 150), real(0, 100), real(0, 60), real(0, 1));
    }
    for (int g = 0; g < integer(0, 2); ++g) {
      const double capacity = real(0, 20000);
      t += fmt::format(
          "[[stockpile]]\nname = \"g{}\"\nimporter = \"k{}\"\ncommodity = \"c{}\"\ninitial = {}\n"
          "capacity = {}\ntrigger_cover_days = {}\ntrigger_price_ratio = {}\n"
          "response_delay_days = {}\nrelease_rate = {}\nstop_cover_days = {}\n"
          "refill_price_ratio = {}\nrefill_rate = {}\nbudget_musd = {}\n\n",
          g, integer(0, importers - 1), integer(0, commodities - 1), capacity * real(0, 1),
          capacity, real(0, 60), real(1, 5), integer(0, 20), real(0, 200), real(0, 90), real(0, 2),
          real(0, 100), real(0, 1000));
    }
    if (suppliers > 1 && regimes < commodities && coin(0.5)) {
      t += fmt::format(
          "[[offtake]]\nsupplier = \"s0\"\nimporter = \"k0\"\ncommodity = \"c{}\"\nshare = {}\n\n",
          commodities - 1, real(0, 1));
    }
    t += write_tariffs(regimes, importers);
    for (int w = 0; w < integer(0, 2); ++w) {
      t += fmt::format("[[window]]\nname = \"w{}\"\nstart_day = {}\ndays = {}\n\n", w,
                       integer(0, 250), integer(1, 120));
    }
    return t;
  }

 private:
  // Up to two successive origin tariffs on each regime's shipments to one importer.
  std::string write_tariffs(int regimes, int importers) {
    std::string t;
    for (int c = 0; c < regimes; ++c) {
      if (coin(0.5)) continue;
      const int k = integer(0, importers - 1);
      int start = integer(0, 150);
      for (int period = 0; period < 2 && start < 220; ++period) {
        const int end = start + integer(0, 100);
        t += fmt::format(
            "[[tariff]]\nexporter = \"s0\"\nimporter = \"k{}\"\ncommodity = \"c{}\"\n"
            "start_day = {}\nend_day = {}\nrate = {}\nreference_price = {}\n"
            "substitution = {}\n\n",
            k, c, start, end, pick(0.0, 10.0, real(0, 1)),
            coin(0.5) ? pick(0.0, 1e9, real(1, 2000)) : 0.0, pick(0.0, 50.0, real(0, 8)));
        start = end + 1;
      }
    }
    return t;
  }

  int integer(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }
  double real(double lo, double hi) { return std::uniform_real_distribution<double>(lo, hi)(rng_); }
  bool coin(double p) { return std::bernoulli_distribution(p)(rng_); }
  // In extreme mode, often one of the bounds; otherwise the typical value.
  double pick(double lo, double hi, double typical) {
    if (!extreme_) return typical;
    const int r = integer(0, 2);
    return r == 0 ? lo : (r == 1 ? hi : typical);
  }
  std::mt19937_64 rng_;
  bool extreme_;
};

}  // namespace mineralsim::testing
