import SchemaBuilder from '@pothos/core';
import DataloaderPlugin from '@pothos/plugin-dataloader';
import DirectivePlugin from '@pothos/plugin-directives';
import FederationPlugin from '@pothos/plugin-federation';
import RelayPlugin from '@pothos/plugin-relay';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import ValidationPlugin from '@pothos/plugin-validation';
import type { GraphQLSchema } from 'graphql';
import type { KitContext } from './context.js';
import { fieldTerm } from './domain-terms.js';
import { REGION_LEVEL } from './enums.js';
import { BadInputError, DutyError, unauthenticated } from './errors.js';
import { CASE_STAGE, ORGAN_KIND } from './notices.js';
import { canSeeRegion, hasAnyRole, type Role } from './principal.js';
import { type KitScalarTypes, kitScalars } from './scalars.js';

/** Federation version the subgraphs link; 2.9 allows @cost/@listSize and @override labels later. */
export const FEDERATION_LINK = 'https://specs.apollo.dev/federation/v2.9';

export interface KitAuthScopes {
  /** Any signed-in principal (not the anonymous public). */
  signedIn: boolean;
  /** The principal holds at least one of these roles. */
  anyRole: readonly Role[];
  /** The region code lies within the principal's region. */
  inRegion: string;
  /** The principal is this duty lawyer. */
  lawyer: string;
  /** The request came from one of these peer subgraphs itself (a relay delivering notices). */
  viaPeer: readonly string[];
}

export interface KitTypes<Ctx extends KitContext> {
  Context: Ctx;
  Scalars: KitScalarTypes;
  AuthScopes: KitAuthScopes;
  DefaultFieldNullability: false;
  DefaultEdgesNullability: false;
  DefaultNodeNullability: false;
}

/**
 * One builder per subgraph with the kit's plugins wired once: scope-auth (first, so it wraps
 * every resolver), directives + federation, dataloader, relay connections and validation.
 */
export function createBuilder<Ctx extends KitContext>() {
  const builder = new SchemaBuilder<KitTypes<Ctx>>({
    defaultFieldNullability: false,
    plugins: [
      ScopeAuthPlugin,
      DirectivePlugin,
      FederationPlugin,
      DataloaderPlugin,
      RelayPlugin,
      ValidationPlugin,
    ],
    scopeAuth: {
      treatErrorsAsUnauthorized: true,
      authScopes: (ctx) => ({
        signedIn: ctx.principal !== null,
        anyRole: (roles) => hasAnyRole(ctx.principal, roles),
        inRegion: (code) => canSeeRegion(ctx.principal, code),
        lawyer: (id) => ctx.principal?.lawyerId === id,
        viaPeer: (names) => names.some((n) => ctx.via === `subgraph:${n}`),
      }),
      // A signed-in user, or a peer subgraph calling as itself, is known: refused, not unauthenticated.
      unauthorizedError: (_parent, ctx, info) =>
        ctx.principal || ctx.via?.startsWith('subgraph:')
          ? new DutyError('FORBIDDEN', `无权查看${fieldTerm(info.parentType, info.fieldName)}`, {
              field: `${info.parentType.name}.${info.fieldName}`,
            })
          : unauthenticated(),
    },
    relay: {
      clientMutationId: 'omit',
      cursorType: 'String',
      nodeQueryOptions: false,
      nodesQueryOptions: false,
      edgesFieldOptions: { nullable: false },
      nodeFieldOptions: { nullable: false },
      pageInfoTypeOptions: { shareable: true },
    },
    validation: {
      validationError: (result) =>
        new BadInputError(result.issues.map((i) => i.message).join('；'), {
          issues: result.issues.map((i) => ({
            path: i.path?.map((p) => (typeof p === 'object' ? p.key : p)),
            message: i.message,
          })),
        }),
    },
  });
  builder.scalarType('DateTime', kitScalars.DateTime);
  builder.scalarType('LocalDate', kitScalars.LocalDate);
  builder.scalarType('RegionCode', kitScalars.RegionCode);
  builder.scalarType('ResidentIdNumber', kitScalars.ResidentIdNumber);
  builder.scalarType('LawyerLicenseNo', kitScalars.LawyerLicenseNo);
  builder.scalarType('PhoneNumber', kitScalars.PhoneNumber);
  return builder;
}

export type KitBuilder<Ctx extends KitContext> = ReturnType<typeof createBuilder<Ctx>>;

// A shared enum is declared once per builder, however many modules ask for it.
const declared = new WeakMap<object, Map<string, unknown>>();
export function once<T>(builder: object, name: string, declare: () => T): T {
  const names = declared.get(builder) ?? new Map<string, unknown>();
  declared.set(builder, names);
  if (!names.has(name)) names.set(name, declare());
  return names.get(name) as T;
}

/** The CaseStage enum (诉讼阶段), declared the same way by every subgraph that uses it. */
export function caseStageEnum<Ctx extends KitContext>(builder: KitBuilder<Ctx>) {
  return once(builder, 'CaseStage', () =>
    builder.enumType('CaseStage', { description: 'Case stage (诉讼阶段)', values: CASE_STAGE }),
  );
}

/** The OrganKind enum (通知机关类别), declared the same way by every subgraph that uses it. */
export function organKindEnum<Ctx extends KitContext>(builder: KitBuilder<Ctx>) {
  return once(builder, 'OrganKind', () =>
    builder.enumType('OrganKind', { description: 'Kind of organ (机关类别)', values: ORGAN_KIND }),
  );
}

/** The RegionLevel enum, declared the same way by every subgraph that uses it (composition merges them). */
export function regionLevelEnum<Ctx extends KitContext>(builder: KitBuilder<Ctx>) {
  return once(builder, 'RegionLevel', () =>
    builder.enumType('RegionLevel', { description: 'Administrative level (行政级别)', values: REGION_LEVEL }),
  );
}

/** Builds the subgraph schema with the kit's federation link. */
export function toSubgraphSchema<Ctx extends KitContext>(builder: KitBuilder<Ctx>): GraphQLSchema {
  return builder.toSubGraphSchema({ linkUrl: FEDERATION_LINK });
}
