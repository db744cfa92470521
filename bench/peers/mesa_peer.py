"""Mesa peer of mineralsim: the same market model written as a Mesa user would write it, one Mesa
Agent per supplier, per importer and per stockpile holding, the export regimes and the world
market as the model's own state, one Mesa Model per trajectory and an ensemble as a loop over
models.

It implements the daily step of docs/model.md in the order and with the rules of the C++ model
(include/mineralsim/model/day_step.hpp and steps/*.hpp, day 0 from initial_state.hpp), in plain
scalar Python. The random draws come from each model's own generator (Mesa's `Model.random`), not
Philox, so results agree with mineralsim's statistically, not path by path. Parameter values are
the resolved ones printed by `mineralsim validate` (every default filled in: see peer_common.py),
so that defaults have one source.

Usage: python bench/peers/mesa_peer.py SCENARIO -n N --days T --seed S --out OUT.npz
Writes per-day ensemble statistics (peer_common.EnsembleStatistics) and the throughput; prints
one summary line. Written for Mesa 3 (Agent(model), Model(rng=...), AgentSet.do).
"""

from __future__ import annotations

import math
import time

import mesa
import numpy as np

from peer_common import (BAN, EMBARGO, LICENSED, LOG_PRICE_RANGE, MAX_DAILY_LOG_MOVE, OPEN,
                         PAUSE, RESTRICTED, RESUME, SET_LEVEL, STOCK_ACTIVATING, STOCK_IDLE,
                         STOCK_REFILLING, STOCK_RELEASING, EnsembleStatistics, Event, Scenario,
                         license_stage_pass_share, load_scenario, parse_arguments,
                         recycled_share, write_results)


def clamp(value: float, lower: float, upper: float) -> float:
    """min(max(value, lower), upper)."""
    return min(max(value, lower), upper)


def bounded_log_price(log_price: float, move: float, log_initial: float) -> float:
    """The log price after a daily move clamped to +-0.25, within ln 1000 of its start."""
    moved = log_price + clamp(move, -MAX_DAILY_LOG_MOVE, MAX_DAILY_LOG_MOVE)
    return clamp(moved, log_initial - LOG_PRICE_RANGE, log_initial + LOG_PRICE_RANGE)


def pro_rata(requests: list[float], weights: list[float], supply: float) -> list[float]:
    """Weighted pro-rata allocation with caps ("water filling", steps/pro_rata.hpp): when the
    requests exceed the supply, participant i gets min(r_i, lambda w_i r_i) with lambda such that
    the grants add up to the supply."""
    if sum(requests) <= supply:
        return list(requests)
    lam, full_weight = 0.0, 1.0e308
    for _ in range(len(requests) + 1):
        left, weighted = supply, 0.0
        for request, weight in zip(requests, weights):
            if weight >= full_weight:
                left -= request
            else:
                weighted += weight * request
        if weighted <= 0.0:
            break
        lam = left / weighted
        if not any(w < full_weight and r > 0.0 and lam * w >= 1.0
                   for r, w in zip(requests, weights)):
            break
        full_weight = 1.0 / lam
    return [r if w >= full_weight else lam * w * r for r, w in zip(requests, weights)]


class Supplier(mesa.Agent):
    """A producing country: capacity, producer inventory and investment per commodity."""

    def __init__(self, model: MineralMarket, s: int) -> None:
        super().__init__(model)
        sc = model.scenario
        self.capacity = sc.per_supply("capacity")[s].tolist()
        self.held = (sc.per_supply("capacity")[s]
                     * sc.per_supply("initial_inventory_days")[s]).tolist()
        self.pending = [0.0] * len(sc.commodities)
        self.arrival = [0.0] * len(sc.commodities)
        self.cost = sc.per_supply("cost")[s].tolist()
        self.home_demand = sc.per_supply("home_demand")[s].tolist()
        self.min_utilisation = sc.per_supply("min_utilisation")[s].tolist()
        self.full_ratio = sc.per_supply("full_utilisation_ratio")[s].tolist()
        self.hurdle = sc.per_supply("investment_hurdle")[s].tolist()
        self.investment_share = sc.per_supply("investment_share")[s].tolist()
        self.investment_lag = np.floor(sc.per_supply("investment_lag_days")[s]).tolist()
        self.in_open_pool = (sc.regime_of_supply[s] < 0).tolist()

    def utilisation(self, c: int, price: float) -> float:
        """u_min at or below break-even, rising linearly to 1 at full_ratio * cost."""
        ratio = price / self.cost[c]
        if self.full_ratio[c] <= 1.0:
            return 1.0 if ratio >= 1.0 else self.min_utilisation[c]
        ramp = clamp((ratio - 1.0) / (self.full_ratio[c] - 1.0), 0.0, 1.0)
        return self.min_utilisation[c] + (1.0 - self.min_utilisation[c]) * ramp

    def produce(self) -> None:
        """Step 3: investment arrives or is committed, then production at the world price; home
        demand is served first and the rest kept for export."""
        market = self.model
        for c in range(len(self.capacity)):
            if self.pending[c] > 0.0 and market.day >= self.arrival[c]:
                self.capacity[c] += self.pending[c]
                self.pending[c] = 0.0
            if (self.investment_share[c] > 0.0 and self.pending[c] == 0.0
                    and self.capacity[c] > 0.0
                    and market.price_average[c] / self.cost[c] > self.hurdle[c]):
                self.pending[c] = self.investment_share[c] * self.capacity[c]
                self.arrival[c] = market.day + self.investment_lag[c]
            if self.capacity[c] <= 0.0 and self.home_demand[c] <= 0.0:
                continue
            produced = self.capacity[c] * self.utilisation(c, market.price[c])
            home_served = min(self.home_demand[c], self.held[c] + produced)
            self.held[c] = self.held[c] + produced - home_served


class Importer(mesa.Agent):
    """An importing industry: inventory, demand, orders and consumption per commodity."""

    def __init__(self, model: MineralMarket, k: int) -> None:
        super().__init__(model)
        sc = model.scenario
        self.index = k
        self.base_demand = sc.per_demand("quantity")[k].tolist()
        self.inventory = (sc.per_demand("quantity")[k]
                          * sc.per_demand("initial_cover_days")[k]).tolist()
        n_c = len(sc.commodities)
        self.noise = [0.0] * n_c
        self.precaution = [0.0] * n_c
        self.demand = list(self.base_demand)
        self.recycled = [0.0] * n_c
        self.order = [0.0] * n_c
        self.open_order = [0.0] * n_c
        self.unmet = [0.0] * n_c
        persistence = 1.0 - 1.0 / sc.per_demand("noise_memory_days")[k]
        self.persistence = persistence.tolist()
        self.noise_scale = (np.sqrt(1.0 - persistence ** 2) * sc.per_demand("noise")[k]).tolist()
        self.elasticity = sc.per_demand("elasticity")[k].tolist()
        self.daily_growth = (np.log(1.0 + sc.per_demand("growth")[k]) / 365.0).tolist()
        self.price_offset = (np.log(1.0 + sc.per_demand("tariff")[k])
                             - np.log(sc.per_commodity("price"))).tolist()
        self.target_cover = sc.per_demand("target_cover_days")[k].tolist()
        self.adjustment = sc.per_demand("adjustment_days")[k].tolist()
        self.priority = sc.per_demand("priority")[k].tolist()
        self.precaution_gain = sc.per_demand("precaution_gain")[k].tolist()
        self.precaution_keep = (1.0 - 1.0 / sc.per_demand("precaution_memory_days")[k]).tolist()
        self.recycling = list(zip(sc.per_demand("recycling_start_share")[k].tolist(),
                                  sc.per_demand("recycling_end_share")[k].tolist(),
                                  sc.recycling_start_day[k].tolist(),
                                  sc.recycling_end_day[k].tolist()))

    def place_orders(self) -> None:
        """Step 5: demand with AR(1) noise, recycled supply, precaution decay, and an order that
        moves inventory toward the target cover (the supply line is neglected)."""
        market = self.model
        for c in range(len(self.demand)):
            self.noise[c] = (self.persistence[c] * self.noise[c]
                             + self.noise_scale[c] * self.random.gauss(0.0, 1.0))
            demand = 0.0
            if self.base_demand[c] > 0.0:
                demand = self.base_demand[c] * math.exp(
                    market.day * self.daily_growth[c]
                    - self.elasticity[c] * (market.log_price[c] + self.price_offset[c])
                    + self.noise[c])
            recycled = demand * recycled_share(*self.recycling[c], market.day)
            self.precaution[c] *= self.precaution_keep[c]
            target = self.target_cover[c] * (1.0 + self.precaution[c]) * demand
            order = max(0.0, demand - recycled + (target - self.inventory[c]) / self.adjustment[c])
            self.demand[c], self.recycled[c] = demand, recycled
            self.order[c] = self.open_order[c] = order

    def receive(self, c: int, amount: float) -> None:
        """A delivery against today's order."""
        self.inventory[c] += amount
        self.open_order[c] -= amount

    def consume(self, c: int) -> None:
        """Consumes from inventory plus recycled supply; what is missing is unmet demand."""
        available = self.inventory[c] + self.recycled[c]
        consumed = min(self.demand[c], available)
        self.unmet[c] = self.demand[c] - consumed
        self.inventory[c] = available - consumed

    def cover_days(self, c: int) -> float:
        """Inventory in days of today's demand, 0 without demand (observables.hpp)."""
        return self.inventory[c] / self.demand[c] if self.demand[c] > 0.0 else 0.0


class StockpileHolding(mesa.Agent):
    """One government stockpile's stock of one commodity, serving one importer."""

    def __init__(self, model: MineralMarket, g: int) -> None:
        super().__init__(model)
        sc = model.scenario
        self.importer: Importer = model.importers[sc.holding_importer[g]]
        self.commodity = int(sc.holding_commodity[g])
        self.stock = float(sc.per_holding("initial")[g])
        self.mode = STOCK_IDLE
        self.days_activating = 0.0
        self.spent = 0.0
        self.request = 0.0
        self.capacity = float(sc.per_holding("capacity")[g])
        self.trigger_cover = float(sc.per_holding("trigger_cover_days")[g])
        self.trigger_price = float(sc.per_holding("trigger_price_ratio")[g])
        self.response_delay = float(sc.per_holding("response_delay_days")[g])
        self.release_rate = float(sc.per_holding("release_rate")[g])
        self.stop_cover = float(sc.per_holding("stop_cover_days")[g])
        self.refill_price = float(sc.per_holding("refill_price_ratio")[g])
        self.refill_rate = float(sc.per_holding("refill_rate")[g])
        self.budget = float(sc.per_holding("budget_musd")[g])

    def ask_refill(self) -> float:
        """Today's refill purchase for the open pool (clearing), within room and budget."""
        self.request = 0.0
        if self.mode == STOCK_REFILLING:
            price = self.model.price[self.commodity]
            affordable = (self.budget - self.spent) * 1000.0 / price
            self.request = max(0.0, min(self.refill_rate,
                                        min(self.capacity - self.stock, affordable)))
        return self.request

    def buy(self, amount: float) -> None:
        """A refill bought in the open pool at the world price (USD million)."""
        self.stock += amount
        self.spent += amount * self.model.price[self.commodity] / 1000.0

    def act(self) -> None:
        """Step 8: activation on a cover or price trigger, release after the response delay until
        recovery or exhaustion, refill when idle and the price is low."""
        c = self.commodity
        importer = self.importer
        demand = importer.demand[c]
        cover = importer.inventory[c] / demand if demand > 0.0 else 1.0e308
        price_ratio = self.model.price[c] / self.model.price0[c]
        price_high = price_ratio > self.trigger_price
        if self.mode in (STOCK_IDLE, STOCK_REFILLING):
            if (cover < self.trigger_cover or price_high) and self.stock > 0.0:
                self.mode = STOCK_ACTIVATING
                self.days_activating = 0.0
        elif self.mode == STOCK_ACTIVATING:
            self.days_activating += 1.0
        if self.mode == STOCK_ACTIVATING and self.days_activating >= self.response_delay:
            self.mode = STOCK_RELEASING
        if self.mode == STOCK_RELEASING:
            if (cover >= self.stop_cover and not price_high) or self.stock <= 0.0:
                self.mode = STOCK_IDLE
            else:
                released = min(self.release_rate, self.stock)
                self.stock -= released
                importer.inventory[c] += released
        if self.mode in (STOCK_IDLE, STOCK_REFILLING):
            can_refill = (price_ratio < self.refill_price and self.stock < self.capacity
                          and self.spent < self.budget and self.refill_rate > 0.0)
            self.mode = STOCK_REFILLING if can_refill else STOCK_IDLE


class ExportRegime:
    """A controlling exporter's regime on one commodity: level, pause, bans, licence queues,
    today's offer abroad and the exporter's domestic price. Part of the model's state."""

    def __init__(self, model: MineralMarket, x: int) -> None:
        sc = model.scenario
        self.model = model
        self.exporter: Supplier = model.suppliers[sc.regime_exporter[x]]
        self.commodity = int(sc.regime_commodity[x])
        self.level = int(sc.regime_initial_level[x])
        self.pause_left = 0
        self.level_after = 0
        self.banned = [False] * len(sc.importers)
        self.restricted = sc.restricted_destination[x].tolist()
        self.stages = int(sc.license_stages[x])
        self.pass_share = license_stage_pass_share(self.stages,
                                                   sc.per_regime("license_delay_days")[x])
        self.approval = float(sc.per_regime("approval_share")[x])
        self.baseline_exports = float(sc.per_regime("baseline_exports")[x])
        self.quota = float(sc.per_regime("quota_share")[x]) * self.baseline_exports
        self.escalation = float(sc.per_regime("escalation_rate")[x])
        self.deescalation = float(sc.per_regime("deescalation_rate")[x])
        self.beta = float(sc.per_regime("tension_sensitivity")[x])
        self.log_home0 = math.log(sc.per_regime("home_price")[x])
        self.log_home = self.log_home0
        self.home_volatility = float(sc.per_regime("home_price_volatility")[x])
        self.home_sensitivity = float(sc.per_regime("home_cover_sensitivity")[x])
        self.home_norm = float(sc.per_regime("home_cover_norm_days")[x])
        self.arbitrage = float(sc.per_regime("arbitrage_rate")[x])
        self.openness = sc.per_regime_level("openness")[x].tolist()
        self.offer = 0.0
        self.queue = [[0.0] * self.stages for _ in sc.importers]
        self._fill_queues([i.base_demand[self.commodity] for i in model.importers])

    def _fill_queues(self, demand: list[float]) -> None:
        """A regime in force before day 0 starts with its licence queues in steady state: the
        baseline flow (the quota when RESTRICTED) split over allowed importers by demand."""
        if self.level not in (LICENSED, RESTRICTED):
            return
        flow = self.baseline_exports
        if self.level == RESTRICTED:
            flow = min(flow, self.quota)
        barred = [self.level == RESTRICTED and r for r in self.restricted]
        allowed = sum(d for d, b in zip(demand, barred) if not b)
        if allowed <= 0.0:
            return
        for k, (d, b) in enumerate(zip(demand, barred)):
            if not b:
                self.queue[k] = [flow * d / allowed / self.pass_share] * self.stages

    def move(self, tension: float, events: list[Event]) -> int:
        """Step 2: the pause countdown or one step of the birth-death chain, then today's
        events; returns the number of levels climbed."""
        before = self.level
        if self.pause_left > 0:
            self.pause_left -= 1
            if self.pause_left == 0:
                self.level = self.level_after
        else:
            scale = math.exp(self.beta * tension)
            p_up = 1.0 - math.exp(-self.escalation * scale) if self.level < EMBARGO else 0.0
            p_down = 1.0 - math.exp(-self.deescalation / scale) if self.level > OPEN else 0.0
            total = p_up + p_down
            if total > 1.0:
                p_up, p_down = p_up / total, p_down / total
            u = self.model.random.random()
            if u < p_up:
                self.level += 1
            elif u < p_up + p_down:
                self.level -= 1
        for event in events:
            self.apply(event)
        return max(self.level - before, 0)

    def apply(self, event: Event) -> None:
        """A scheduled event (regimes.hpp, apply_regime_event)."""
        if event.action == SET_LEVEL:
            if self.pause_left > 0:
                self.level_after = event.argument
            else:
                self.level = event.argument
        elif event.action == PAUSE:
            if self.pause_left == 0:
                self.level_after = self.level
            self.level = OPEN
            self.pause_left = event.argument
        elif event.action == RESUME:
            if self.pause_left > 0:
                self.level = self.level_after
            self.pause_left = 0
        else:
            self.banned[event.argument] = event.action == BAN

    def allows(self, k: int) -> bool:
        """May the exporter ship to importer k today?"""
        if self.level == EMBARGO or self.banned[k]:
            return False
        return not (self.level == RESTRICTED and self.restricted[k])

    def export(self) -> None:
        """Step 4: licence queues advance (last stage first), approved shipments are delivered,
        the rest (all of it for a destination barred today) returns to the exporter; then
        today's offer by level."""
        c = self.commodity
        for importer, queue in zip(self.model.importers, self.queue):
            leaving = queue[-1] * self.pass_share
            queue[-1] -= leaving
            for stage in range(self.stages - 1, 0, -1):
                moving = queue[stage - 1] * self.pass_share
                queue[stage - 1] -= moving
                queue[stage] += moving
            approved = leaving * self.approval if self.allows(importer.index) else 0.0
            importer.inventory[c] += approved
            self.exporter.held[c] += leaving - approved
        stock = self.exporter.held[c]
        if self.level == RESTRICTED:
            self.offer = min(stock, self.quota)
        elif self.level == EMBARGO:
            self.offer = 0.0
        else:
            self.offer = stock

    def sell(self, market_share: float) -> float:
        """Clearing passes 2 and 4: serves allowed importers `market_share` of their open orders
        from today's offer, pro rata with priorities; returns the quantity shipped."""
        c = self.commodity
        importers = self.model.importers
        requests = [market_share * i.open_order[c] if self.allows(i.index) else 0.0
                    for i in importers]
        grants = pro_rata(requests, [i.priority[c] for i in importers], self.offer)
        shipped_total = 0.0
        for importer, grant in zip(importers, grants):
            shipped = min(grant, self.offer)
            if shipped <= 0.0:
                continue
            self.offer -= shipped
            self.exporter.held[c] = max(0.0, self.exporter.held[c] - shipped)
            if self.level == OPEN:
                importer.receive(c, shipped)
            else:
                self.queue[importer.index][0] += shipped
                importer.open_order[c] -= shipped
            shipped_total += shipped
        return shipped_total

    def update_home_price(self) -> None:
        """Step 7, domestic price: arbitrage toward the world price weighted by openness, the
        exporter's stock gap, noise; bounded like the world price."""
        c = self.commodity
        throughput = max(self.exporter.home_demand[c] + self.baseline_exports, 1e-12)
        cover_gap = self.exporter.held[c] / throughput / self.home_norm - 1.0
        pull = self.arbitrage * self.openness[self.level] * (self.model.log_price[c]
                                                              - self.log_home)
        move = (pull - self.home_sensitivity * cover_gap
                + self.home_volatility * self.model.random.gauss(0.0, 1.0))
        self.log_home = bounded_log_price(self.log_home, move, self.log_home0)


class MineralMarket(mesa.Model):
    """One trajectory: tension, world prices and the clearing of each commodity's market, with
    the supplier, importer and stockpile agents and the export regimes."""

    def __init__(self, scenario: Scenario, seed: int) -> None:
        super().__init__(rng=seed)
        self.scenario = scenario
        self.day = 0
        self.tension = scenario.one("tension", "initial")
        self.theta = scenario.one("tension", "reversion")
        self.sigma_tau = scenario.one("tension", "volatility")
        self.jump_size = scenario.one("tension", "jump_size")
        self.jump_rate = scenario.one("tension", "jump_rate")
        self.price0 = scenario.per_commodity("price").tolist()
        self.log_price0 = [math.log(p) for p in self.price0]
        self.price = list(self.price0)
        self.log_price = list(self.log_price0)
        self.price_average = list(self.price0)
        self.price_volatility = scenario.per_commodity("price_volatility").tolist()
        self.demand_sensitivity = scenario.per_commodity("demand_sensitivity").tolist()
        self.cover_sensitivity = scenario.per_commodity("cover_sensitivity").tolist()
        self.cover_norm = scenario.per_commodity("cover_norm_days").tolist()
        self.price_memory = scenario.per_commodity("price_memory_days").tolist()
        self.suppliers = [Supplier(self, s) for s in range(len(scenario.suppliers))]
        self.importers = [Importer(self, k) for k in range(len(scenario.importers))]
        self.holdings = [StockpileHolding(self, g) for g in range(len(scenario.holding_names))]
        self.regimes = [ExportRegime(self, x) for x in range(len(scenario.regime_names))]
        self.market_orders = [0.0] * len(scenario.commodities)
        self.market_filled = [0.0] * len(scenario.commodities)

    def step(self) -> None:
        """One day: the eight steps of day_step.hpp, in order."""
        jump = self.jump_size if self.random.random() < self.jump_rate else 0.0
        self.tension = clamp(self.tension - self.theta * self.tension
                             + self.sigma_tau * self.random.gauss(0.0, 1.0) + jump, -30.0, 30.0)
        for x, regime in enumerate(self.regimes):
            events = [e for e in self.scenario.events if e.day == self.day and e.regime == x]
            climbed = regime.move(self.tension, events)
            if climbed > 0:
                for importer in self.importers:
                    c = regime.commodity
                    importer.precaution[c] += importer.precaution_gain[c] * climbed
        self.agents_by_type[Supplier].do("produce")
        for regime in self.regimes:
            regime.export()
        self.agents_by_type[Importer].do("place_orders")
        for c in range(len(self.price)):
            self.clear(c)
        self.update_prices()
        for holding in self.holdings:
            holding.act()
        self.day += 1

    def pool_stock(self, c: int) -> float:
        """Stock of the suppliers without a regime on commodity c (the open pool)."""
        return sum(s.held[c] for s in self.suppliers if s.in_open_pool[c])

    def sell_pool(self, c: int) -> float:
        """Clearing pass 3: the open pool, pro rata with priorities between importers' open
        orders and refilling holdings; suppliers give up the sale in proportion to stock."""
        pool = self.pool_stock(c)
        if pool <= 0.0:
            return 0.0
        holdings = [h for h in self.holdings if h.commodity == c]
        requests = [i.open_order[c] for i in self.importers] + [h.request for h in holdings]
        weights = [i.priority[c] for i in self.importers] + [1.0] * len(holdings)
        grants = pro_rata(requests, weights, pool)
        for importer, bought in zip(self.importers, grants):
            importer.receive(c, bought)
        for holding, bought in zip(holdings, grants[len(self.importers):]):
            if bought > 0.0:
                holding.buy(bought)
        sold = sum(grants)
        sold_share = min(1.0, sold / pool)
        for supplier in self.suppliers:
            if supplier.in_open_pool[c]:
                supplier.held[c] -= supplier.held[c] * sold_share
        return sold

    def clear(self, c: int) -> None:
        """Step 6 for commodity c: refill requests, exporters' market share, open pool,
        exporters' remainder, then consumption."""
        regimes = [r for r in self.regimes if r.commodity == c]
        self.market_orders[c] = sum(i.order[c] for i in self.importers)
        self.market_orders[c] += sum(h.ask_refill() for h in self.holdings if h.commodity == c)
        filled = 0.0
        offered = self.pool_stock(c) + sum(r.offer for r in regimes)
        for regime in regimes:
            if regime.offer > 0.0:
                filled += regime.sell(regime.offer / offered)
        filled += self.sell_pool(c)
        for regime in regimes:
            if regime.offer > 0.0:
                filled += regime.sell(1.0)
        self.market_filled[c] = filled
        for importer in self.importers:
            importer.consume(c)

    def update_prices(self) -> None:
        """Step 7: world prices from the unfilled share of orders and the world cover gap, then
        each exporter's domestic price."""
        for c in range(len(self.price)):
            orders, filled = self.market_orders[c], self.market_filled[c]
            shortage = (orders - filled) / orders if orders > filled else 0.0
            demand = sum(i.demand[c] for i in self.importers)
            stock = sum(i.inventory[c] for i in self.importers) + self.pool_stock(c)
            cover = stock / demand if demand > 0.0 else self.cover_norm[c]
            move = (self.demand_sensitivity[c] * shortage
                    - self.cover_sensitivity[c] * (cover / self.cover_norm[c] - 1.0)
                    + self.price_volatility[c] * self.random.gauss(0.0, 1.0))
            self.log_price[c] = bounded_log_price(self.log_price[c], move, self.log_price0[c])
            self.price[c] = math.exp(self.log_price[c])
            self.price_average[c] += (self.price[c] - self.price_average[c]) / self.price_memory[c]
        for regime in self.regimes:
            regime.update_home_price()


def main() -> None:
    """Runs one model per trajectory, keeps each one's daily observables, then writes the
    ensemble statistics."""
    args = parse_arguments(__doc__.splitlines()[0])
    scenario = load_scenario(args.scenario, args.cli)
    days = args.days or scenario.horizon_days
    seed = scenario.seed if args.seed is None else args.seed
    n_c, n_k = len(scenario.commodities), len(scenario.importers)
    price = np.zeros((args.trajectories, days, n_c))
    cover = np.zeros((args.trajectories, days, n_k, n_c))
    unmet = np.zeros((args.trajectories, days, n_k, n_c))
    start = time.perf_counter()
    for trajectory in range(args.trajectories):
        model = MineralMarket(scenario, seed=(seed << 32) + trajectory)
        for day in range(days):
            model.step()
            price[trajectory, day] = model.price
            cover[trajectory, day] = [[i.cover_days(c) for c in range(n_c)]
                                      for i in model.importers]
            unmet[trajectory, day] = [i.unmet for i in model.importers]
    statistics = EnsembleStatistics(days, n_c, n_k)
    for day in range(days):
        statistics.record(day, price[:, day], cover[:, day], unmet[:, day])
    write_results(args.out, statistics, scenario, "mesa", args.trajectories, seed,
                  time.perf_counter() - start)


if __name__ == "__main__":
    main()
