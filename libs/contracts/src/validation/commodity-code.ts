import { Matches, type ValidationOptions } from 'class-validator';

/** Commodity codes as the catalog names them: EGG, CHILI_RED_CURLY, … */
export const COMMODITY_CODE_PATTERN = /^[A-Z][A-Z0-9_]{1,31}$/;

/** The one check every contract applies to a commodity code. */
export function IsCommodityCode(options?: ValidationOptions): PropertyDecorator {
  return Matches(COMMODITY_CODE_PATTERN, {
    message: '$property must be an upper-case code such as EGG or CHILI_RED_CURLY',
    ...options,
  });
}
