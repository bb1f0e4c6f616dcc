// Type-only re-exports keep each Pothos plugin's global type augmentations visible to every
// subgraph that builds on the kit (declaration output would otherwise drop the imports).
export type { DataloaderObjectTypeOptions } from '@pothos/plugin-dataloader';
export type {} from '@pothos/plugin-directives';
export type { Selection } from '@pothos/plugin-federation';
export type { DefaultConnectionArguments } from '@pothos/plugin-relay';
export type { AuthScopeMap } from '@pothos/plugin-scope-auth';
export type {} from '@pothos/plugin-validation';
