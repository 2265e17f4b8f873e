//! An indicator per municipality (a count such as waiting lists, or a rate such as the share
//! of children born in poverty) and its aggregate per team.

use super::atlas::Atlas;
use super::ids::{CellId, MunicipalityId, TeamId, TiSlice, TiVec};

/// How a team's figure is made from its municipalities' values.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Aggregate {
    /// A count: the sum. A municipality shared by several teams counts for each its share of
    /// the inhabitants.
    Sum,
    /// A rate: the mean weighted by inhabitants.
    MeanByPopulation,
    /// A rate about children: the mean weighted by children 0-17.
    MeanByChildren,
}

impl Aggregate {
    pub const ALL: [Aggregate; 3] = [
        Aggregate::Sum,
        Aggregate::MeanByPopulation,
        Aggregate::MeanByChildren,
    ];

    /// The way a column is aggregated when the user has not chosen: whole numbers are
    /// counts (summed), anything with decimals a rate (the mean weighted by inhabitants).
    pub fn guess(values: &TiSlice<MunicipalityId, Option<f64>>) -> Aggregate {
        if values.iter().flatten().all(|v| v.fract() == 0.0) {
            Aggregate::Sum
        } else {
            Aggregate::MeanByPopulation
        }
    }

    /// A count is summed; a mean is a rate with decimals.
    pub fn is_sum(self) -> bool {
        self == Aggregate::Sum
    }
}

/// The indicator a scenario shows: the column picked, how the teams' figures are made, the
/// file it came from, and whether the map colours the municipalities by it.
#[derive(Clone, Debug, PartialEq)]
pub struct IndicatorChoice {
    /// The table it was read from (kept for the user; the values are held here).
    pub source: std::path::PathBuf,
    pub indicator: Indicator,
    pub how: Aggregate,
    pub on_map: bool,
}

impl IndicatorChoice {
    /// The value of every municipality as the map shows it: the count for a sum, the rate
    /// for a mean.
    pub fn municipality_values(&self) -> &TiSlice<MunicipalityId, Option<f64>> {
        match self.how {
            Aggregate::Sum => &self.indicator.values,
            _ => &self.indicator.rates,
        }
    }

    /// Each team's figure (see [`per_team`]).
    pub fn per_team(
        &self,
        atlas: &Atlas,
        cell_team: &TiSlice<CellId, Option<TeamId>>,
        teams: usize,
    ) -> TiVec<TeamId, Option<f64>> {
        per_team(atlas, cell_team, teams, &self.indicator, self.how)
    }
}

/// One numeric column of an indicator table, by atlas municipality (indexed like
/// `atlas.municipalities`; None where the table has no value). A table of the 2019-2024
/// municipalities gives several values for a municipality merged in 2025: `values` adds them
/// up (for counts), `rates` takes their mean weighted by inhabitants (for rates). For every
/// other municipality the two are the same.
#[derive(Clone, Debug, PartialEq)]
pub struct Indicator {
    pub name: String,
    pub values: TiVec<MunicipalityId, Option<f64>>,
    pub rates: TiVec<MunicipalityId, Option<f64>>,
}

/// Each team's aggregate of `indicator`, from the team of every cell (`Scenario::cell_teams`).
/// None for a team without any municipality that has a value (or, for a mean, without weight).
pub fn per_team(
    atlas: &Atlas,
    cell_team: &TiSlice<CellId, Option<TeamId>>,
    teams: usize,
    indicator: &Indicator,
    how: Aggregate,
) -> TiVec<TeamId, Option<f64>> {
    let mut sum = vec![0.0f64; teams];
    let mut weight = vec![0.0f64; teams];
    let mut any = vec![false; teams];
    for (ci, cell) in atlas.cells.iter_enumerated() {
        let Some(team) = cell_team
            .get(ci)
            .copied()
            .flatten()
            .map(TeamId::index)
            .filter(|&t| t < teams)
        else {
            continue;
        };
        let column = match how {
            Aggregate::Sum => &indicator.values,
            _ => &indicator.rates,
        };
        let Some(value) = column.get(cell.muni).copied().flatten() else {
            continue;
        };
        let muni = &atlas.municipalities[cell.muni];
        match how {
            Aggregate::Sum => {
                // The cell's share of its municipality: by inhabitants, else whole.
                let share = match (cell.population, muni.population) {
                    (Some(p), Some(total)) if total > 0 => p / total as f64,
                    _ => 1.0 / muni.cells.len().max(1) as f64,
                };
                sum[team] += value * share;
                any[team] = true;
            }
            Aggregate::MeanByPopulation | Aggregate::MeanByChildren => {
                let w = match how {
                    Aggregate::MeanByChildren => cell.children,
                    _ => cell.population,
                };
                if let Some(w) = w.filter(|w| *w > 0.0) {
                    sum[team] += value * w;
                    weight[team] += w;
                    any[team] = true;
                }
            }
        }
    }
    (0..teams)
        .map(|t| match how {
            _ if !any[t] => None,
            Aggregate::Sum => Some(sum[t]),
            _ => Some(sum[t] / weight[t]),
        })
        .collect()
}
