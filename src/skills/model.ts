import { Type, type Static } from 'typebox';

/** The three kinds of skill, as users of the Lightcast taxonomy know them (ST1, ST2, ST3). */
export const SkillType = Type.Union([Type.Literal('specialized'), Type.Literal('common'), Type.Literal('certification')], {
  description: 'specialized skill, common (transferable) skill, or certification',
});
export type SkillType = Static<typeof SkillType>;
export const skillTypes: readonly SkillType[] = ['specialized', 'common', 'certification'];

export const Skill = Type.Object(
  {
    id: Type.String({ description: 'Stable machine-readable ID, never reused. For ESCO, the concept URI.' }),
    name: Type.String(),
    type: SkillType,
    category: Type.String(),
    subcategory: Type.String(),
    description: Type.String(),
    isSoftware: Type.Boolean(),
    isLanguage: Type.Boolean(),
    aliases: Type.Array(Type.String()),
    tags: Type.Array(Type.String()),
    source: Type.String({ description: 'Where the skill comes from, e.g. openler, ESCO v1.1.1' }),
    status: Type.String({ description: 'active, or the status its source gives' }),
  },
  
);
export type Skill = Static<typeof Skill>;

/** A skill as written to a release: its fields plus source-specific extras. */
export interface SkillRecord extends Skill {
  extra?: Record<string, unknown>;
}

export const Library = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    description: Type.String(),
    license: Type.String(),
    source: Type.String(),
    url: Type.String(),
    visibility: Type.Union([Type.Literal('public'), Type.Literal('private')]),
    latestVersion: Type.Union([Type.String(), Type.Null()]),
    isDefault: Type.Boolean(),
  },
  
);
export type Library = Static<typeof Library>;

export const LibraryVersion = Type.Object(
  {
    library: Type.String(),
    version: Type.String(),
    releasedAt: Type.String({ format: 'date-time' }),
    skillCount: Type.Integer(),
    notes: Type.String(),
    isLatest: Type.Boolean(),
  },
  
);
export type LibraryVersion = Static<typeof LibraryVersion>;

export const SkillRef = Type.Object({ id: Type.String(), name: Type.String() });

export const VersionChanges = Type.Object(
  {
    library: Type.String(),
    from: Type.Union([Type.String(), Type.Null()], { description: 'The previous release, or null for the first one' }),
    to: Type.String(),
    additions: Type.Array(SkillRef),
    removals: Type.Array(SkillRef),
    renames: Type.Array(Type.Object({ id: Type.String(), oldName: Type.String(), newName: Type.String() })),
    consolidations: Type.Array(
      Type.Object({ id: Type.String(), name: Type.String(), mergedIds: Type.Array(SkillRef) }),
      { description: 'Skills merged into a successor; the retired IDs redirect to it' },
    ),
    updates: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), fields: Type.Array(Type.String()) })),
  },
  
);
export type VersionChanges = Static<typeof VersionChanges>;

/** A relation between two skills of one release. */
export interface SkillRelation {
  sourceId: string;
  targetId: string;
  /** e.g. broader (source's parent is target), essential, optional, related */
  kind: string;
}

/** A merge recorded by a release: `fromId` retires and redirects to `toId`. */
export interface SkillMerge {
  fromId: string;
  toId: string;
}

/** Everything one release of a library holds. */
export interface ReleaseContent {
  skills: SkillRecord[];
  relations: SkillRelation[];
  merges: SkillMerge[];
}
