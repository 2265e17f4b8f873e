//! The indicator a scenario shows, as its file stores it: the table's path, the column, how
//! the teams' figures are made, whether the map shows it, and a copy of every
//! municipality's value, so that the scenario opens with its indicator when the table has
//! moved or is gone.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::error::DataError;
use crate::model::atlas::Atlas;
use crate::model::indicator::{Aggregate, Indicator, IndicatorChoice};

/// How the teams' figures are made, as the file writes it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AggregateName {
    Sum,
    MeanByPopulation,
    MeanByChildren,
}

impl From<Aggregate> for AggregateName {
    fn from(a: Aggregate) -> Self {
        match a {
            Aggregate::Sum => AggregateName::Sum,
            Aggregate::MeanByPopulation => AggregateName::MeanByPopulation,
            Aggregate::MeanByChildren => AggregateName::MeanByChildren,
        }
    }
}

impl From<AggregateName> for Aggregate {
    fn from(a: AggregateName) -> Self {
        match a {
            AggregateName::Sum => Aggregate::Sum,
            AggregateName::MeanByPopulation => Aggregate::MeanByPopulation,
            AggregateName::MeanByChildren => Aggregate::MeanByChildren,
        }
    }
}

/// One municipality's figures: the count (summed over the parts of a merged municipality)
/// and the rate (their mean weighted by inhabitants).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct MunicipalityValue {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rate: Option<f64>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct IndicatorRecord {
    /// The table the values were read from.
    pub source: String,
    pub column: String,
    pub aggregate: AggregateName,
    #[serde(default = "shown")]
    pub on_map: bool,
    /// Municipality NIS code -> its figures.
    pub values: BTreeMap<String, MunicipalityValue>,
}

fn shown() -> bool {
    true
}

impl IndicatorRecord {
    pub fn from_choice(atlas: &Atlas, c: &IndicatorChoice) -> IndicatorRecord {
        let ind = &c.indicator;
        let values = atlas
            .municipalities
            .iter_enumerated()
            .filter_map(|(m, muni)| {
                let v = MunicipalityValue {
                    value: ind.values.get(m).copied().flatten(),
                    rate: ind.rates.get(m).copied().flatten(),
                };
                (v.value.is_some() || v.rate.is_some()).then(|| (muni.code.clone(), v))
            })
            .collect();
        IndicatorRecord {
            source: c.source.display().to_string(),
            column: ind.name.clone(),
            aggregate: c.how.into(),
            on_map: c.on_map,
            values,
        }
    }

    /// The choice on `atlas`. A code the data does not have, or a number that is not
    /// finite, is an error that names the scenario file and the code.
    pub fn to_choice(&self, atlas: &Atlas, file: &Path) -> Result<IndicatorChoice, DataError> {
        let n = atlas.municipalities.len();
        let mut indicator = Indicator {
            name: self.column.clone(),
            values: vec![None; n].into(),
            rates: vec![None; n].into(),
        };
        for (code, v) in &self.values {
            let place = || format!("indicator, municipality \"{code}\"");
            let Some(m) = atlas.muni_by_code(code) else {
                return Err(DataError::new(
                    file,
                    place(),
                    "is not a municipality of this edition's data",
                ));
            };
            if [v.value, v.rate].iter().flatten().any(|x| !x.is_finite()) {
                return Err(DataError::new(file, place(), "is not a finite number"));
            }
            indicator.values[m] = v.value;
            indicator.rates[m] = v.rate;
        }
        Ok(IndicatorChoice {
            source: PathBuf::from(&self.source),
            indicator,
            how: self.aggregate.into(),
            on_map: self.on_map,
        })
    }
}
