/** Public surface of the whole-image validator. */

export { ImageReadError } from '../errors.js';
export { formatReport } from '../format-report.js';
export { type PlatformSpec, parsePlatform } from '../platform.js';
export { RULES, type Rule, type RuleId, UNVERIFIABLE } from '../rules.js';
export { checkDocument, type DocumentKind } from '../schema-check.js';
export type { Defect, Severity, TargetFormat, ValidateOptions, ValidationReport } from '../types.js';
export { type CommandOutput, runValidateImage, type ValidateImageArgv } from './command.js';
export { validateImage } from './validate-image.js';
