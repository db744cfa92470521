"""NumPy peer of mineralsim: the same market model written as a NumPy user would write it,
vectorised over trajectories (every state array has the trajectory as its first axis, [N, ...];
Python loops run only over the scenario's few commodities, regimes and importers).

It implements the daily step of docs/model.md in the order and with the rules of the C++ model
(include/mineralsim/model/day_step.hpp and steps/*.hpp, day 0 from initial_state.hpp). The
random draws come from NumPy's generator, not Philox, so results agree with mineralsim's
statistically, not path by path. Parameter values are the resolved ones printed by
`mineralsim validate` (every default filled in: see peer_common.py), so that defaults have one
source.

Usage: python bench/peers/numpy_peer.py SCENARIO -n N --days T --seed S --out OUT.npz
Writes per-day ensemble statistics (peer_common.EnsembleStatistics) and the throughput; prints
one summary line.
"""

from __future__ import annotations

import time

import numpy as np

from peer_common import (BAN, EMBARGO, LICENSED, LOG_PRICE_RANGE, MAX_DAILY_LOG_MOVE, OPEN,
                         PAUSE, RESTRICTED, RESUME, SET_LEVEL, STOCK_ACTIVATING, STOCK_IDLE,
                         STOCK_REFILLING, STOCK_RELEASING, EnsembleStatistics, Scenario,
                         license_stage_pass_share, load_scenario, parse_arguments,
                         recycled_share, write_results)


def pro_rata_grants(requests: np.ndarray, weights: np.ndarray, supply: np.ndarray) -> np.ndarray:
    """Weighted pro-rata allocation with caps ("water filling", steps/pro_rata.hpp), per
    trajectory: requests [N, n], weights [n], supply [N] -> grants [N, n]. When the requests
    exceed the supply, participant i gets min(r_i, lambda w_i r_i) with lambda such that the
    grants add up to the supply, found as in the C++ by at most n + 1 passes."""
    n = requests.shape[1]
    short = requests.sum(axis=1) > supply
    lam = np.where(short, 0.0, 1.0)
    full_weight = np.where(short, 1.0e308, 0.0)
    searching = short.copy()
    for _ in range(n + 1):
        if not searching.any():
            break
        full = weights[None, :] >= full_weight[:, None]
        left = supply - np.where(full, requests, 0.0).sum(axis=1)
        weighted = np.where(full, 0.0, weights * requests).sum(axis=1)
        searching &= weighted > 0.0
        lam = np.where(searching, left / np.where(searching, weighted, 1.0), lam)
        saturated = (~full & (requests > 0.0) & (lam[:, None] * weights >= 1.0)).any(axis=1)
        searching &= saturated
        full_weight = np.where(searching, 1.0 / np.where(searching, lam, 1.0), full_weight)
    full = weights[None, :] >= full_weight[:, None]
    return np.where(full, requests, lam[:, None] * weights * requests)


class NumpyMarket:
    """The state of N trajectories and the daily step, vectorised over trajectories."""

    def __init__(self, scenario: Scenario, trajectories: int, seed: int) -> None:
        self.sc = scenario
        self.n = trajectories
        self.rng = np.random.default_rng(seed)
        self._read_parameters()
        self._initialise()

    def _read_parameters(self) -> None:
        """Every parameter as an array over the scenario's axes (no trajectory axis: the peers'
        scenario has no distributions)."""
        sc = self.sc
        self.theta = sc.one("tension", "reversion")
        self.sigma_tau = sc.one("tension", "volatility")
        self.jump_size = sc.one("tension", "jump_size")
        self.jump_rate = sc.one("tension", "jump_rate")
        self.price0 = sc.per_commodity("price")
        self.log_price0 = np.log(self.price0)
        self.price_volatility = sc.per_commodity("price_volatility")
        self.demand_sensitivity = sc.per_commodity("demand_sensitivity")
        self.cover_sensitivity = sc.per_commodity("cover_sensitivity")
        self.cover_norm = sc.per_commodity("cover_norm_days")
        self.price_memory = sc.per_commodity("price_memory_days")
        self.capacity0 = sc.per_supply("capacity")
        self.cost = sc.per_supply("cost")
        self.home_demand = sc.per_supply("home_demand")
        self.min_utilisation = sc.per_supply("min_utilisation")
        self.full_ratio = sc.per_supply("full_utilisation_ratio")
        self.hurdle = sc.per_supply("investment_hurdle")
        self.investment_share = sc.per_supply("investment_share")
        self.investment_lag = np.floor(sc.per_supply("investment_lag_days"))
        self.demand0 = sc.per_demand("quantity")
        self.elasticity = sc.per_demand("elasticity")
        persistence = 1.0 - 1.0 / sc.per_demand("noise_memory_days")
        self.noise_persistence = persistence
        self.noise_scale = np.sqrt(1.0 - persistence * persistence) * sc.per_demand("noise")
        self.target_cover = sc.per_demand("target_cover_days")
        self.adjustment = sc.per_demand("adjustment_days")
        self.priority = sc.per_demand("priority")
        self.precaution_gain = sc.per_demand("precaution_gain")
        self.precaution_keep = 1.0 - 1.0 / sc.per_demand("precaution_memory_days")
        self.daily_growth = np.log(1.0 + sc.per_demand("growth")) / 365.0
        self.price_offset = np.log(1.0 + sc.per_demand("tariff")) - self.log_price0[None, :]
        self.recycling = (sc.per_demand("recycling_start_share"),
                          sc.per_demand("recycling_end_share"))
        self.escalation = sc.per_regime("escalation_rate")
        self.deescalation = sc.per_regime("deescalation_rate")
        self.beta = sc.per_regime("tension_sensitivity")
        self.pass_share = np.array([license_stage_pass_share(int(m), d) for m, d in zip(
            sc.license_stages, sc.per_regime("license_delay_days"))])
        self.approval = sc.per_regime("approval_share")
        self.quota = sc.per_regime("quota_share") * sc.per_regime("baseline_exports")
        self.baseline_exports = sc.per_regime("baseline_exports")
        self.log_home0 = np.log(sc.per_regime("home_price"))
        self.home_volatility = sc.per_regime("home_price_volatility")
        self.home_sensitivity = sc.per_regime("home_cover_sensitivity")
        self.home_norm = sc.per_regime("home_cover_norm_days")
        self.arbitrage = sc.per_regime("arbitrage_rate")
        self.openness = sc.per_regime_level("openness")
        self.stock_capacity = sc.per_holding("capacity")
        self.trigger_cover = sc.per_holding("trigger_cover_days")
        self.trigger_price = sc.per_holding("trigger_price_ratio")
        self.response_delay = sc.per_holding("response_delay_days")
        self.release_rate = sc.per_holding("release_rate")
        self.stop_cover = sc.per_holding("stop_cover_days")
        self.refill_price = sc.per_holding("refill_price_ratio")
        self.refill_rate = sc.per_holding("refill_rate")
        self.budget = sc.per_holding("budget_musd")
        self.open_supplier = [np.flatnonzero(sc.regime_of_supply[:, c] < 0)
                              for c in range(len(sc.commodities))]

    def _initialise(self) -> None:
        """Day 0 (initial_state.hpp), licence queues in their steady state."""
        sc, n = self.sc, self.n
        n_c, n_s, n_k, n_x, n_g = sc.shape
        self.tension = np.full(n, sc.one("tension", "initial"))
        self.log_price = np.tile(self.log_price0, (n, 1))
        self.price = np.tile(self.price0, (n, 1))
        self.price_average = self.price.copy()
        self.log_home = np.tile(self.log_home0, (n, 1))
        self.level = np.tile(sc.regime_initial_level, (n, 1))
        self.pause_left = np.zeros((n, n_x), dtype=np.int64)
        self.level_after = np.zeros((n, n_x), dtype=np.int64)
        self.banned = np.zeros((n, n_x, n_k), dtype=bool)
        self.offer = np.zeros((n, n_x))
        self.capacity = np.tile(self.capacity0, (n, 1, 1))
        self.held = np.tile(self.capacity0 * self.sc.per_supply("initial_inventory_days"),
                            (n, 1, 1))
        self.pending = np.zeros((n, n_s, n_c))
        self.arrival = np.zeros((n, n_s, n_c))
        self.inventory = np.tile(self.demand0 * sc.per_demand("initial_cover_days"), (n, 1, 1))
        self.noise = np.zeros((n, n_k, n_c))
        self.precaution = np.zeros((n, n_k, n_c))
        self.demand = np.tile(self.demand0, (n, 1, 1))
        self.recycled = np.zeros((n, n_k, n_c))
        self.order = np.zeros((n, n_k, n_c))
        self.open_order = np.zeros((n, n_k, n_c))
        self.unmet = np.zeros((n, n_k, n_c))
        self.queue = np.zeros((n, n_x, n_k, int(sc.license_stages.max(initial=1))))
        self.stock = np.tile(sc.per_holding("initial"), (n, 1))
        self.stock_request = np.zeros((n, n_g))
        self.days_activating = np.zeros((n, n_g))
        self.spent = np.zeros((n, n_g))
        self.stock_mode = np.full((n, n_g), STOCK_IDLE)
        self.market_orders = np.zeros((n, n_c))
        self.market_filled = np.zeros((n, n_c))
        for x in range(n_x):
            level = sc.regime_initial_level[x]
            if level not in (LICENSED, RESTRICTED):
                continue
            c = sc.regime_commodity[x]
            flow = self.baseline_exports[x]
            if level == RESTRICTED:
                flow = min(flow, self.quota[x])
            barred = sc.restricted_destination[x] & (level == RESTRICTED)
            allowed_demand = self.demand0[~barred, c].sum()
            if allowed_demand <= 0.0:
                continue
            for k in np.flatnonzero(~barred):
                self.queue[:, x, k, :sc.license_stages[x]] = (
                    flow * self.demand0[k, c] / allowed_demand / self.pass_share[x])

    def step(self, day: int) -> None:
        """One day of every trajectory: the eight steps of day_step.hpp, in order."""
        self._tension()
        self._regimes(day)
        self._supply(day)
        self._exports()
        self._orders(day)
        for c in range(len(self.sc.commodities)):
            self._clear(c)
        self._prices()
        self._stockpiles()

    def _tension(self) -> None:
        """Step 1: mean reversion, diffusion and jumps, clamped to [-30, 30]."""
        jump = np.where(self.rng.random(self.n) < self.jump_rate, self.jump_size, 0.0)
        self.tension = np.clip(self.tension - self.theta * self.tension
                               + self.sigma_tau * self.rng.standard_normal(self.n) + jump,
                               -30.0, 30.0)

    def _regimes(self, day: int) -> None:
        """Step 2: pause countdown or the birth-death chain, then the day's events, then
        precautionary buying for every level climbed."""
        u = self.rng.random((self.n, len(self.sc.regime_names)))
        for x in range(len(self.sc.regime_names)):
            level = self.level[:, x]
            before = level.copy()
            paused = self.pause_left[:, x] > 0
            self.pause_left[paused, x] -= 1
            resumed = paused & (self.pause_left[:, x] == 0)
            level[resumed] = self.level_after[resumed, x]
            scale = np.exp(self.beta[x] * self.tension)
            p_up = 1.0 - np.exp(-np.where(level < EMBARGO, self.escalation[x] * scale, 0.0))
            p_down = 1.0 - np.exp(-np.where(level > OPEN, self.deescalation[x] / scale, 0.0))
            # Both saturated: split the day between them.
            total = np.maximum(p_up + p_down, 1.0)
            p_up, p_down = p_up / total, p_down / total
            up = ~paused & (u[:, x] < p_up)
            down = ~paused & ~up & (u[:, x] < p_up + p_down)
            level += up.astype(np.int64) - down.astype(np.int64)
            for event in self.sc.events:
                if event.day == day and event.regime == x:
                    self._apply_event(x, event.action, event.argument)
            climbed = np.maximum(level - before, 0)
            c = self.sc.regime_commodity[x]
            self.precaution[:, :, c] += self.precaution_gain[None, :, c] * climbed[:, None]

    def _apply_event(self, x: int, action: int, argument: int) -> None:
        """A scheduled event on regime x (regimes.hpp, apply_regime_event), in every trajectory."""
        level = self.level[:, x]
        pausing = self.pause_left[:, x] > 0
        if action == SET_LEVEL:
            self.level_after[pausing, x] = argument
            level[~pausing] = argument
        elif action == PAUSE:
            self.level_after[~pausing, x] = level[~pausing]
            level[:] = OPEN
            self.pause_left[:, x] = argument
        elif action == RESUME:
            level[pausing] = self.level_after[pausing, x]
            self.pause_left[:, x] = 0
        else:
            self.banned[:, x, argument] = action == BAN

    def _supply(self, day: int) -> None:
        """Step 3: investment arrives or is committed, then production at the world price, home
        demand served first, the rest kept as producer inventory."""
        arrived = (self.pending > 0.0) & (day >= self.arrival)
        self.capacity += np.where(arrived, self.pending, 0.0)
        self.pending[arrived] = 0.0
        margin = self.price_average[:, None, :] / self.cost
        invest = ((self.investment_share > 0.0) & (self.pending == 0.0) & (self.capacity > 0.0)
                  & (margin > self.hurdle))
        self.pending = np.where(invest, self.investment_share * self.capacity, self.pending)
        self.arrival = np.where(invest, day + self.investment_lag, self.arrival)
        ratio = self.price[:, None, :] / self.cost
        ramp = np.clip((ratio - 1.0) / np.maximum(self.full_ratio - 1.0, 1e-300), 0.0, 1.0)
        utilisation = np.where(self.full_ratio <= 1.0,
                               np.where(ratio >= 1.0, 1.0, self.min_utilisation),
                               self.min_utilisation + (1.0 - self.min_utilisation) * ramp)
        produced = self.capacity * utilisation
        home_served = np.minimum(self.home_demand, self.held + produced)
        self.held = self.held + produced - home_served

    def _exports(self) -> None:
        """Step 4: licence queues advance (last stage first), approved shipments are delivered,
        the rest (all of it for a destination barred today) returns to the exporter; then each
        regime's offer by its level."""
        sc = self.sc
        for x in range(len(sc.regime_names)):
            c, e, m = sc.regime_commodity[x], sc.regime_exporter[x], sc.license_stages[x]
            queue = self.queue[:, x]
            leaving = queue[:, :, m - 1] * self.pass_share[x]
            queue[:, :, m - 1] -= leaving
            for stage in range(m - 1, 0, -1):
                moving = queue[:, :, stage - 1] * self.pass_share[x]
                queue[:, :, stage - 1] -= moving
                queue[:, :, stage] += moving
            approved = np.where(self._allowed(x), leaving * self.approval[x], 0.0)
            self.inventory[:, :, c] += approved
            self.held[:, e, c] += (leaving - approved).sum(axis=1)
            stock = self.held[:, e, c]
            level = self.level[:, x]
            self.offer[:, x] = np.where(level == RESTRICTED, np.minimum(stock, self.quota[x]),
                                        np.where(level == EMBARGO, 0.0, stock))

    def _orders(self, day: int) -> None:
        """Step 5: demand with AR(1) noise, recycled supply, precaution decay, and orders toward
        the target cover (the supply line in licence queues is not counted)."""
        z = self.rng.standard_normal(self.noise.shape)
        self.noise = self.noise_persistence * self.noise + self.noise_scale * z
        log_change = (day * self.daily_growth
                      - self.elasticity * (self.log_price[:, None, :] + self.price_offset)
                      + self.noise)
        self.demand = np.where(self.demand0 > 0.0, self.demand0 * np.exp(log_change), 0.0)
        share = np.array([[recycled_share(self.recycling[0][k, c], self.recycling[1][k, c],
                                          self.sc.recycling_start_day[k, c],
                                          self.sc.recycling_end_day[k, c], day)
                           for c in range(self.demand0.shape[1])]
                          for k in range(self.demand0.shape[0])])
        self.recycled = self.demand * share
        self.precaution *= self.precaution_keep
        target = self.target_cover * (1.0 + self.precaution) * self.demand
        self.order = np.maximum(0.0, self.demand - self.recycled
                                + (target - self.inventory) / self.adjustment)
        self.open_order = self.order.copy()

    def _allowed(self, x: int) -> np.ndarray:
        """[N, K]: may regime x's exporter ship to each importer today?"""
        level = self.level[:, x][:, None]
        restricted = (level == RESTRICTED) & self.sc.restricted_destination[x][None, :]
        return (level != EMBARGO) & ~self.banned[:, x, :] & ~restricted

    def _pool_stock(self, c: int) -> np.ndarray:
        """[N] stock of the suppliers without a regime on commodity c (the open pool)."""
        return self.held[:, self.open_supplier[c], c].sum(axis=1)

    def _sell_exporters(self, c: int, market_share_pass: bool) -> None:
        """Clearing passes 2 and 4: each regime on commodity c serves its allowed importers,
        first their market share of the open orders, later what the pool left unfilled."""
        sc = self.sc
        regimes = np.flatnonzero(sc.regime_commodity == c)
        offered = self._pool_stock(c) + self.offer[:, regimes].sum(axis=1)
        for x in regimes:
            offer = self.offer[:, x]
            if market_share_pass:
                share = np.divide(offer, offered, out=np.zeros(self.n), where=offer > 0.0)
            else:
                share = np.where(offer > 0.0, 1.0, 0.0)
            requests = np.where(self._allowed(x), share[:, None] * self.open_order[:, :, c], 0.0)
            grants = pro_rata_grants(requests, self.priority[:, c], offer)
            is_open = self.level[:, x] == OPEN
            e = sc.regime_exporter[x]
            for k in range(len(sc.importers)):
                shipped = np.maximum(np.minimum(grants[:, k], offer), 0.0)
                offer -= shipped
                self.held[:, e, c] = np.maximum(0.0, self.held[:, e, c] - shipped)
                self.inventory[:, k, c] += np.where(is_open, shipped, 0.0)
                self.queue[:, x, k, 0] += np.where(is_open, 0.0, shipped)
                self.open_order[:, k, c] -= shipped
                self.market_filled[:, c] += shipped

    def _sell_pool(self, c: int) -> None:
        """Clearing pass 3: the open pool, pro rata with priorities between the importers' open
        orders and refilling stockpiles; suppliers give up the sale in proportion to stock."""
        sc = self.sc
        pool = self._pool_stock(c)
        holdings = sc.holding_commodity == c
        requests = np.concatenate(
            [self.open_order[:, :, c], np.where(holdings, self.stock_request, 0.0)], axis=1)
        weights = np.concatenate([self.priority[:, c], np.ones(len(sc.holding_names))])
        grants = pro_rata_grants(requests, weights, pool)
        grants[pool <= 0.0] = 0.0
        n_k = len(sc.importers)
        bought = grants[:, :n_k]
        self.inventory[:, :, c] += bought
        self.open_order[:, :, c] -= bought
        refill = grants[:, n_k:]
        self.stock += refill
        self.spent += refill * self.price[:, c][:, None] / 1000.0
        sold = grants.sum(axis=1)
        sold_share = np.minimum(1.0, np.divide(sold, pool, out=np.zeros(self.n),
                                               where=pool > 0.0))
        suppliers = self.open_supplier[c]
        self.held[:, suppliers, c] -= self.held[:, suppliers, c] * sold_share[:, None]
        self.market_filled[:, c] += sold

    def _clear(self, c: int) -> None:
        """Step 6 for commodity c: refill requests, exporters' market share, open pool,
        exporters' remainder, then consumption and unmet demand."""
        sc = self.sc
        self.market_orders[:, c] = self.order[:, :, c].sum(axis=1)
        self.market_filled[:, c] = 0.0
        for g in np.flatnonzero(sc.holding_commodity == c):
            room = self.stock_capacity[g] - self.stock[:, g]
            affordable = (self.budget[g] - self.spent[:, g]) * 1000.0 / self.price[:, c]
            request = np.maximum(0.0, np.minimum(self.refill_rate[g],
                                                 np.minimum(room, affordable)))
            self.stock_request[:, g] = np.where(self.stock_mode[:, g] == STOCK_REFILLING,
                                                request, 0.0)
            self.market_orders[:, c] += self.stock_request[:, g]
        self._sell_exporters(c, market_share_pass=True)
        self._sell_pool(c)
        self._sell_exporters(c, market_share_pass=False)
        available = self.inventory[:, :, c] + self.recycled[:, :, c]
        consumed = np.minimum(self.demand[:, :, c], available)
        self.unmet[:, :, c] = self.demand[:, :, c] - consumed
        self.inventory[:, :, c] = available - consumed

    def _prices(self) -> None:
        """Step 7: world prices from the unfilled share of orders and the cover gap, then each
        exporter's domestic price; bounded daily moves and price range."""
        sc = self.sc
        orders, filled = self.market_orders, self.market_filled
        shortage = np.where(orders > filled,
                            (orders - filled) / np.where(orders > filled, orders, 1.0), 0.0)
        stock = self.inventory.sum(axis=1) + np.stack(
            [self._pool_stock(c) for c in range(len(sc.commodities))], axis=1)
        demand = self.demand.sum(axis=1)
        cover = np.where(demand > 0.0, stock / np.where(demand > 0.0, demand, 1.0),
                         self.cover_norm)
        move = (self.demand_sensitivity * shortage
                - self.cover_sensitivity * (cover / self.cover_norm - 1.0)
                + self.price_volatility * self.rng.standard_normal(self.price.shape))
        self.log_price = self._bounded(self.log_price, move, self.log_price0)
        self.price = np.exp(self.log_price)
        self.price_average += (self.price - self.price_average) / self.price_memory
        z = self.rng.standard_normal(self.log_home.shape)
        for x in range(len(sc.regime_names)):
            c, e = sc.regime_commodity[x], sc.regime_exporter[x]
            throughput = max(self.home_demand[e, c] + self.baseline_exports[x], 1e-12)
            cover_gap = self.held[:, e, c] / throughput / self.home_norm[x] - 1.0
            pull = (self.arbitrage[x] * self.openness[x][self.level[:, x]]
                    * (self.log_price[:, c] - self.log_home[:, x]))
            move = pull - self.home_sensitivity[x] * cover_gap + self.home_volatility[x] * z[:, x]
            self.log_home[:, x] = self._bounded(self.log_home[:, x], move, self.log_home0[x])

    @staticmethod
    def _bounded(log_price: np.ndarray, move: np.ndarray, log_initial: np.ndarray) -> np.ndarray:
        """The log price after a daily move clamped to +-0.25, within ln 1000 of its start."""
        moved = log_price + np.clip(move, -MAX_DAILY_LOG_MOVE, MAX_DAILY_LOG_MOVE)
        return np.clip(moved, log_initial - LOG_PRICE_RANGE, log_initial + LOG_PRICE_RANGE)

    def _stockpiles(self) -> None:
        """Step 8: each holding's life cycle: activation on a cover or price trigger, release
        after the response delay until recovery, refill when idle and the price is low."""
        sc = self.sc
        for g in range(len(sc.holding_names)):
            k, c = sc.holding_importer[g], sc.holding_commodity[g]
            demand = self.demand[:, k, c]
            inventory = self.inventory[:, k, c]
            cover = np.where(demand > 0.0, inventory / np.where(demand > 0.0, demand, 1.0),
                             1.0e308)
            price_ratio = self.price[:, c] / self.price0[c]
            price_high = price_ratio > self.trigger_price[g]
            stock = self.stock[:, g]
            mode = self.stock_mode[:, g]
            waiting = (mode == STOCK_IDLE) | (mode == STOCK_REFILLING)
            activate = waiting & ((cover < self.trigger_cover[g]) | price_high) & (stock > 0.0)
            self.days_activating[:, g] = np.where(
                activate, 0.0, self.days_activating[:, g] + (mode == STOCK_ACTIVATING))
            mode[activate] = STOCK_ACTIVATING
            mode[(mode == STOCK_ACTIVATING)
                 & (self.days_activating[:, g] >= self.response_delay[g])] = STOCK_RELEASING
            releasing = mode == STOCK_RELEASING
            recovered = (cover >= self.stop_cover[g]) & ~price_high
            stop = releasing & (recovered | (stock <= 0.0))
            mode[stop] = STOCK_IDLE
            release = np.where(releasing & ~stop, np.minimum(self.release_rate[g], stock), 0.0)
            stock -= release
            inventory += release
            waiting = (mode == STOCK_IDLE) | (mode == STOCK_REFILLING)
            can_refill = ((price_ratio < self.refill_price[g]) & (stock < self.stock_capacity[g])
                          & (self.spent[:, g] < self.budget[g]) & (self.refill_rate[g] > 0.0))
            mode[waiting] = np.where(can_refill, STOCK_REFILLING, STOCK_IDLE)[waiting]

    def cover_days(self) -> np.ndarray:
        """[N, K, C] inventory in days of today's demand, 0 without demand (observables.hpp)."""
        demand = self.demand
        return np.where(demand > 0.0, self.inventory / np.where(demand > 0.0, demand, 1.0), 0.0)


def main() -> None:
    """Runs the ensemble, records each day's statistics and writes them."""
    args = parse_arguments(__doc__.splitlines()[0])
    scenario = load_scenario(args.scenario, args.cli)
    days = args.days or scenario.horizon_days
    seed = scenario.seed if args.seed is None else args.seed
    statistics = EnsembleStatistics(days, len(scenario.commodities), len(scenario.importers))
    start = time.perf_counter()
    market = NumpyMarket(scenario, args.trajectories, seed)
    for day in range(days):
        market.step(day)
        statistics.record(day, market.price, market.cover_days(), market.unmet)
    write_results(args.out, statistics, scenario, "numpy", args.trajectories, seed,
                  time.perf_counter() - start)


if __name__ == "__main__":
    main()
