import type { ValidationArguments } from 'class-validator';
import { getMetadataStorage, IS_ISO8601, MAX_LENGTH, ValidationTypes } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';

/**
 * Fast contract checks, compiled once per class from the class-validator metadata of the contracts.
 *
 * A compiled check answers one question: would `validateSync(plainToInstance(Class, value),
 * { forbidUnknownValues: true })` report no error? It calls the very validator functions that the
 * decorators registered (isUUID, isISO8601, matches, …), in the order class-validator does, but
 * without building a class instance, looking the metadata up again, or allocating error objects.
 *
 * It is written to be sound, not complete: when it answers `true`, class-validator accepts;
 * when it answers `false`, the caller asks class-validator itself (for the error message, and for
 * the decision). A class whose decorators or class-transformer metadata it cannot mirror exactly is
 * not compiled at all (`compileClassCheck` returns undefined) and keeps the class-validator path.
 *
 * Preconditions on the value (the caller guarantees them, see `isSafeJsonTree`): it is fresh
 * `JSON.parse` output — plain objects and arrays, no shared references, no getters — and no
 * object in it has an own `constructor` or `__proto__` key (class-transformer treats those
 * specially, and can throw on them).
 */
export type ClassCheck = (value: object) => boolean;

/** How class-validator would see the value: built by class-transformer, or assigned as is. */
export type CheckMode = 'plainToInstance' | 'assign';

// class-transformer's metadata storage is not part of its public typings; this is the shape used here.
interface TypeMetadata {
  target: unknown;
  propertyName: string;
  reflectedType: unknown;
  typeFunction: (options?: unknown) => unknown;
  options?: { discriminator?: unknown };
}
interface TransformerStorage {
  findTypeMetadata(target: unknown, propertyName: string): TypeMetadata | undefined;
  getStrategy(target: unknown): string;
  _typeMetadatas: Map<unknown, Map<string, TypeMetadata>>;
  _transformMetadatas: Map<unknown, Map<string, unknown>>;
  _exposeMetadatas: Map<unknown, Map<string, unknown>>;
  _excludeMetadatas: Map<unknown, Map<string, unknown>>;
}
// It must be the very instance that @Type() wrote to (as in the AsyncAPI generator).
const { defaultMetadataStorage } = require('class-transformer/cjs/storage') as {
  defaultMetadataStorage: TransformerStorage;
};

interface ConstraintMetadataLike {
  async: boolean;
  instance: { validate(value: unknown, args?: ValidationArguments): unknown };
}
interface ValidatorStorage {
  getTargetValidationMetadatas(
    target: unknown,
    schema: string | undefined,
    always: boolean,
    strictGroups: boolean,
    groups?: string[],
  ): ValidationMetadata[];
  getTargetValidatorConstraints(target: unknown): ConstraintMetadataLike[];
}

interface ConstraintCall {
  validate: (value: unknown, args: ValidationArguments) => unknown;
  each: boolean;
  validateIf?: (object: object, value: unknown) => boolean;
  /** One arguments object per constraint, refilled before each call (the calls are synchronous). */
  args: ValidationArguments;
}

interface PropertyPlan {
  name: string;
  conditions: ((object: object, value: unknown) => boolean)[];
  constraints: ConstraintCall[];
  /** Set when the property carries @ValidateNested: the check of what its objects become. */
  nested?: () => ClassCheck;
}

/** Built-in constructors class-transformer converts values to: a @Type naming one changes values. */
const CONVERTING_TYPES: readonly unknown[] = [
  String,
  Number,
  Boolean,
  Date,
  Buffer,
  Map,
  Set,
  Array,
  Promise,
  Object,
  Function,
];

/**
 * Validators whose outcome is the same on the plain value and on what class-transformer builds from
 * it for a @Type property (presence and array length are preserved; object identity is not).
 */
const TYPE_SAFE_VALIDATORS = new Set([
  'isDefined',
  'isArray',
  'arrayMinSize',
  'arrayMaxSize',
  'arrayNotEmpty',
]);

const SUPPORTED_TYPES = new Set<string>([
  ValidationTypes.CUSTOM_VALIDATION,
  ValidationTypes.IS_DEFINED,
  ValidationTypes.NESTED_VALIDATION,
  ValidationTypes.CONDITIONAL_VALIDATION,
  ValidationTypes.WHITELIST,
]);

class Unsupported extends Error {}

const REJECT_ALL: ClassCheck = () => false;

const compiled = new Map<string, Map<unknown, ClassCheck | null>>([
  ['plainToInstance', new Map()],
  ['assign', new Map()],
]);

/**
 * The compiled check of a contract class, or undefined when some decorator or transformation of
 * the class (or of a class nested in it) cannot be mirrored exactly.
 */
export function compileClassCheck(
  target: new () => object,
  mode: CheckMode = 'plainToInstance',
): ClassCheck | undefined {
  const cache = compiled.get(mode) as Map<unknown, ClassCheck | null>;
  const known = cache.get(target);
  if (known !== undefined) return known ?? undefined;
  try {
    const building = new Map<unknown, ClassCheck>();
    const check = compileClass(target, mode, building);
    cache.set(target, check);
    return check;
  } catch (error) {
    if (!(error instanceof Unsupported)) throw error;
    cache.set(target, null);
    return undefined;
  }
}

/** Why a class is not compiled (for tests and diagnostics), or undefined when it is. */
export function whyNotCompiled(
  target: new () => object,
  mode: CheckMode = 'plainToInstance',
): string | undefined {
  try {
    compileClass(target, mode, new Map());
    return undefined;
  } catch (error) {
    if (error instanceof Unsupported) return error.message;
    throw error;
  }
}

const MAX_DEPTH = 64;

/**
 * True when every object in the tree is free of own `constructor` and `__proto__` keys and the tree
 * is at most MAX_DEPTH deep. class-transformer skips those keys, or throws on a `constructor` key
 * in an untyped nested object; a class instance built by Object.assign gets another prototype
 * from them. Such messages take the class-validator path, which reports exactly what it always did.
 */
export function isSafeJsonTree(value: unknown, depth = 0): boolean {
  if (typeof value !== 'object' || value === null) return true;
  if (depth > MAX_DEPTH) return false;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      if (!isSafeJsonTree(value[i], depth + 1)) return false;
    }
    return true;
  }
  if (Object.prototype.hasOwnProperty.call(value, 'constructor')) return false;
  if (Object.prototype.hasOwnProperty.call(value, '__proto__')) return false;
  for (const key in value) {
    const inner = (value as Record<string, unknown>)[key];
    if (typeof inner === 'object' && inner !== null && !isSafeJsonTree(inner, depth + 1)) {
      return false;
    }
  }
  return true;
}

function compileClass(
  target: unknown,
  mode: CheckMode,
  building: Map<unknown, ClassCheck>,
): ClassCheck {
  const done = building.get(target);
  if (done) return done;
  // A class nested in itself: the recursive reference resolves once the plan is complete.
  let check: ClassCheck = REJECT_ALL;
  building.set(target, (value) => check(value));

  if (typeof target !== 'function') throw new Unsupported('not a class');
  const storage = getMetadataStorage() as unknown as ValidatorStorage;
  const metadatas = storage.getTargetValidationMetadatas(target, undefined, false, false);
  // forbidUnknownValues: an object of a class without any validation metadata is an error.
  if (metadatas.length === 0) {
    check = REJECT_ALL;
    return check;
  }
  if (mode === 'plainToInstance') assertPlainTransform(target as new () => object);

  const byProperty = new Map<string, ValidationMetadata[]>();
  for (const metadata of metadatas) {
    if (!SUPPORTED_TYPES.has(metadata.type)) {
      throw new Unsupported(`${target.name}.${metadata.propertyName}: ${metadata.type}`);
    }
    const list = byProperty.get(metadata.propertyName) ?? [];
    list.push(metadata);
    byProperty.set(metadata.propertyName, list);
  }

  const plans: PropertyPlan[] = [];
  for (const [name, list] of byProperty) {
    assertPlainProperty(target, name);
    const typeMetadata =
      mode === 'plainToInstance'
        ? defaultMetadataStorage.findTypeMetadata(target, name)
        : undefined;
    const plan: PropertyPlan = { name, conditions: [], constraints: [] };
    for (const metadata of list) {
      switch (metadata.type) {
        case ValidationTypes.CONDITIONAL_VALIDATION:
          plan.conditions.push(metadata.constraints[0] as (o: object, v: unknown) => boolean);
          break;
        case ValidationTypes.NESTED_VALIDATION: {
          if (mode === 'assign') {
            throw new Unsupported(`${target.name}.${name}: nested validation without transform`);
          }
          // An object under @Type becomes an instance of that class; without it, a plain Object.
          const nestedClass = typeMetadata ? typeTarget(target, typeMetadata) : Object;
          const nestedCheck =
            nestedClass === Object ? REJECT_ALL : compileClass(nestedClass, mode, building);
          plan.nested = () => nestedCheck;
          break;
        }
        case ValidationTypes.WHITELIST:
          break;
        default:
          if (typeMetadata && !TYPE_SAFE_VALIDATORS.has(metadata.name ?? '')) {
            throw new Unsupported(
              `${target.name}.${name}: ${metadata.name ?? metadata.type} on a @Type property`,
            );
          }
          for (const constraint of storage.getTargetValidatorConstraints(metadata.constraintCls)) {
            if (constraint.async) continue; // validateSync ignores asynchronous validators
            const instance = constraint.instance;
            const validate = shortcut(metadata, (value, args) => instance.validate(value, args));
            plan.constraints.push({
              validate,
              each: metadata.each === true,
              validateIf: metadata.validateIf,
              args: {
                targetName: target.name,
                property: name,
                object: {},
                value: undefined,
                constraints: metadata.constraints,
              },
            });
          }
      }
    }
    // Every @Type of a property is checked even when only transformed, never validated.
    if (typeMetadata && !plan.nested) typeTarget(target, typeMetadata);
    plans.push(plan);
  }
  if (mode === 'plainToInstance') assertTypedPropertiesCompile(target, mode, building);

  check = (value) => checkPlans(plans, value);
  return check;
}

function checkPlans(plans: readonly PropertyPlan[], object: object): boolean {
  for (let p = 0; p < plans.length; p++) {
    const plan = plans[p];
    const value = (object as Record<string, unknown>)[plan.name];
    let applies = true;
    for (let c = 0; c < plan.conditions.length; c++) {
      if (!plan.conditions[c](object, value)) {
        applies = false;
        break;
      }
    }
    if (!applies) continue;
    for (let c = 0; c < plan.constraints.length; c++) {
      if (!passes(plan.constraints[c], object, value)) return false;
    }
    if (plan.nested && value !== undefined && !checkNested(plan.nested(), value)) return false;
  }
  return true;
}

function passes(call: ConstraintCall, object: object, value: unknown): boolean {
  if (call.validateIf && !call.validateIf(object, value)) return true;
  const args = call.args;
  args.object = object;
  args.value = value;
  if (!call.each || !Array.isArray(value)) return isTrue(call.validate(value, args));
  for (let i = 0; i < value.length; i++) {
    if (!isTrue(call.validate(value[i], args))) return false;
  }
  return true;
}

/** A promise from a validator is not a sync answer: let class-validator decide. */
function isTrue(result: unknown): boolean {
  if (typeof result === 'object' && result !== null) return false;
  return Boolean(result);
}

/** @ValidateNested on a value: arrays element by element, objects by their class, others fail. */
function checkNested(check: ClassCheck, value: unknown): boolean {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const element = value[i];
      if (element !== undefined && !checkNested(check, element)) return false;
    }
    return true;
  }
  if (typeof value === 'object' && value !== null) return check(value);
  return false;
}

type Validate = (value: unknown, args: ValidationArguments) => unknown;

/**
 * Two built-in validators take most of the time on typical events; a cheap test answers "valid"
 * for the common case and leaves the rest to the validator itself, so the answer never differs.
 */
function shortcut(metadata: ValidationMetadata, validate: Validate): Validate {
  if (metadata.name === IS_ISO8601) {
    return (value, args) => isValidInstantString(value) || validate(value, args);
  }
  const max: unknown = metadata.constraints?.[0];
  if (metadata.name === MAX_LENGTH && typeof max === 'number') {
    // isLength counts a surrogate pair or a variation selector as less than its UTF-16 length, never more.
    return (value, args) =>
      (typeof value === 'string' && value.length <= max) || validate(value, args);
  }
  return validate;
}

/**
 * True for a string in the form `Date#toISOString` writes (`2025-01-15T08:30:00.000Z`) naming a
 * real instant from year 1000 on; false means "not sure", never "invalid". isISO8601 accepts every
 * such string, whatever its options (strict, strictSeparator): its pattern takes month 01–12, day
 * 01–31, hour 00–23, minute and second 00–59 with a `T` separator, and its strict check compares
 * the year, month and day with a Date built from them, i.e. the Gregorian calendar used here. (It
 * builds that Date from the year as a number, so years before 1000 are not parsed as ISO dates:
 * those are left to it.) It costs
 * a tenth of isISO8601's strict check, which builds a Date and runs three regular expressions.
 */
export function isValidInstantString(value: unknown): boolean {
  if (typeof value !== 'string' || value.length !== 24) return false;
  if (
    value.charCodeAt(4) !== 45 || // -
    value.charCodeAt(7) !== 45 ||
    value.charCodeAt(10) !== 84 || // T
    value.charCodeAt(13) !== 58 || // :
    value.charCodeAt(16) !== 58 ||
    value.charCodeAt(19) !== 46 || // .
    value.charCodeAt(23) !== 90 // Z
  ) {
    return false;
  }
  const year = digits(value, 0, 4);
  const month = digits(value, 5, 2);
  const day = digits(value, 8, 2);
  const hour = digits(value, 11, 2);
  const minute = digits(value, 14, 2);
  const second = digits(value, 17, 2);
  const millis = digits(value, 20, 3);
  if (year < 1000 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23) return false;
  if (minute < 0 || minute > 59 || second < 0 || second > 59 || millis < 0) return false;
  return day <= daysInMonth(year, month);
}

/** The decimal number written at value[start, start + length), or -1 if a character is no digit. */
function digits(value: string, start: number, length: number): number {
  let number = 0;
  for (let i = start; i < start + length; i++) {
    const code = value.charCodeAt(i) - 48;
    if (code < 0 || code > 9) return -1;
    number = number * 10 + code;
  }
  return number;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** The class a @Type names, if class-transformer builds it from a plain object without surprises. */
function typeTarget(owner: { name: string }, metadata: TypeMetadata): unknown {
  const where = `${owner.name}.${metadata.propertyName}`;
  if (metadata.options?.discriminator) throw new Unsupported(`${where}: @Type discriminator`);
  if (typeof metadata.typeFunction !== 'function' || metadata.typeFunction.length > 0) {
    throw new Unsupported(`${where}: @Type with a type function that reads its arguments`);
  }
  const reflected = metadata.reflectedType;
  if (reflected === Map || reflected === Set) throw new Unsupported(`${where}: Map or Set`);
  if (
    typeof reflected === 'function' &&
    reflected !== Array &&
    reflected.prototype &&
    'push' in reflected.prototype
  ) {
    throw new Unsupported(`${where}: an array type other than Array`);
  }
  const type = metadata.typeFunction();
  if (typeof type !== 'function' || CONVERTING_TYPES.includes(type)) {
    throw new Unsupported(`${where}: @Type of a built-in that converts values`);
  }
  return type;
}

/** Every class named by a @Type of this class (or its ancestors) must compile too. */
function assertTypedPropertiesCompile(
  target: { name: string },
  mode: CheckMode,
  building: Map<unknown, ClassCheck>,
): void {
  for (const owner of ancestry(target)) {
    for (const [name] of defaultMetadataStorage._typeMetadatas.get(owner) ?? []) {
      const metadata = defaultMetadataStorage.findTypeMetadata(target, name);
      if (metadata) compileClass(typeTarget(target, metadata), mode, building);
    }
  }
}

/** class-transformer builds `new Class()` and copies every key: no defaults, renames or transforms. */
function assertPlainTransform(target: { name: string } & (new () => object)): void {
  for (const owner of ancestry(target)) {
    if (
      defaultMetadataStorage._transformMetadatas.get(owner)?.size ||
      defaultMetadataStorage._exposeMetadatas.get(owner)?.size ||
      defaultMetadataStorage._excludeMetadatas.get(owner)?.size
    ) {
      throw new Unsupported(`${target.name}: @Transform, @Expose or @Exclude`);
    }
  }
  if (defaultMetadataStorage.getStrategy(target) !== 'none') {
    throw new Unsupported(`${target.name}: an exposure strategy`);
  }
  let sample: object;
  try {
    sample = new target();
  } catch {
    throw new Unsupported(`${target.name}: its constructor throws`);
  }
  for (const [key, value] of Object.entries(sample)) {
    if (value !== undefined) throw new Unsupported(`${target.name}.${key}: a default value`);
  }
}

/** The instance must read a validated property from its own data, not from its prototype. */
function assertPlainProperty(target: { name: string; prototype: object }, name: string): void {
  if (
    name === '__proto__' ||
    name === 'constructor' ||
    typeof name !== 'string' ||
    name in target.prototype
  ) {
    throw new Unsupported(`${target.name}.${String(name)}: a name its prototype defines`);
  }
}

function ancestry(target: unknown): unknown[] {
  const chain: unknown[] = [];
  for (
    let current = target;
    typeof current === 'function' && current !== Function.prototype;
    current = Object.getPrototypeOf(current)
  ) {
    chain.push(current);
  }
  return chain;
}
