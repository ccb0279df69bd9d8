import type { UiLanguage } from '../../contracts/enums.ts';
import { exportWords } from '../../contracts/export-words.ts';
import type { TerritoryMap } from '../../contracts/territory-map.schema.ts';
import type { Cell, Table } from '../exports/table-file.ts';

/** The map's figures as the console's table under the map shows them, one row per region or district. */
export function territoryMapTable(map: TerritoryMap, language: UiLanguage): Table {
  const words = exportWords[language];
  const period = `${map.periods.current.from} – ${map.periods.current.to}`;
  return [
    [
      words.columns.territory,
      words.map.period,
      words.map.received,
      words.map.lastYear,
      words.map.population,
      words.map.per10000,
      words.map.populationNote,
    ],
    ...map.areas.map((a): Cell[] => [
      a.name,
      period,
      a.received,
      a.receivedLastYear,
      a.population,
      // A number a spreadsheet can sum; whose population it is, in a column of its own.
      a.per10000,
      a.populationOf === 'region' ? words.map.regionPopulation : null,
    ]),
  ];
}
