// The reference data the product loads into its database on first start, read from the JSON files
// shipped in ./data and checked against their schemas. Where each file comes from: ./README.md.
import categoriesFile from './data/categories.json' with { type: 'json' };
import holidaysFile from './data/holidays.json' with { type: 'json' };
import servicesFile from './data/services.json' with { type: 'json' };
import territoriesFile from './data/territories.json' with { type: 'json' };
import { districtOutlinesAttribution } from './district-outlines.ts';
import {
  type Category,
  categoriesFileSchema,
  type Holiday,
  holidaysFileSchema,
  type Service,
  servicesFileSchema,
  type Territory,
  territoriesFileSchema,
  type Unit,
} from './reference.schema.ts';
import { buildUnitTree } from './units.ts';

/** Everything the first start writes: territories, service kinds, categories, holidays and the unit tree. */
export interface ReferenceData {
  territories: Territory[];
  services: Service[];
  categories: Category[];
  holidays: Holiday[];
  units: Unit[];
  /** Attribution lines the sources require, for an "About / Data" screen. */
  attributions: string[];
}

/** Parses the shipped reference files and builds the unit tree; throws if a file breaks its schema. */
export function loadReference(): ReferenceData {
  const territories = territoriesFileSchema.parse(territoriesFile);
  const services = servicesFileSchema.parse(servicesFile);
  const categories = categoriesFileSchema.parse(categoriesFile);
  const holidays = holidaysFileSchema.parse(holidaysFile);
  const attributions = [
    territories.meta.attribution,
    holidays.meta.attribution,
    districtOutlinesAttribution,
  ].filter((line): line is string => line !== undefined);
  return {
    territories: territories.territories,
    services: services.services,
    categories: categories.categories,
    holidays: holidays.holidays,
    units: buildUnitTree(territories.territories, services.services),
    attributions,
  };
}
