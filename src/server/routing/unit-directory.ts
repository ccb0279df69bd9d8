import type { UiLanguage } from '../../contracts/enums.ts';

/** A unit as routing sees it. */
export interface Unit {
  id: number;
  code: string;
  parentId: number | null;
  level: 'ministry' | 'directorate' | 'department' | 'service';
  service: string | null;
  territoryCode: string | null;
  names: Record<UiLanguage, string>;
  active: boolean;
}

/** The unit tree in memory (a few thousand rows): look-ups for routing and scope, no I/O. */
export class UnitDirectory {
  readonly #byId = new Map<number, Unit>();
  readonly #byCode = new Map<string, Unit>();
  readonly #children = new Map<number, Unit[]>();
  readonly #bodyByTerritory = new Map<string, Unit>();
  readonly #ministry: Unit;

  constructor(units: Unit[]) {
    for (const unit of units) {
      this.#byId.set(unit.id, unit);
      this.#byCode.set(unit.code, unit);
      if (unit.parentId !== null) {
        const siblings = this.#children.get(unit.parentId) ?? [];
        siblings.push(unit);
        this.#children.set(unit.parentId, siblings);
      }
      if (unit.level !== 'service' && unit.territoryCode) this.#bodyByTerritory.set(unit.territoryCode, unit);
    }
    const ministry = units.find((u) => u.level === 'ministry');
    if (!ministry) throw new Error('The unit tree has no ministry.');
    this.#ministry = ministry;
  }

  get ministry(): Unit {
    return this.#ministry;
  }

  byId(id: number): Unit | undefined {
    return this.#byId.get(id);
  }

  byCode(code: string): Unit | undefined {
    return this.#byCode.get(code);
  }

  all(): Unit[] {
    return [...this.#byId.values()];
  }

  /** The territorial body (department or directorate) serving a territory, falling back to its region. */
  bodyForTerritory(territoryCode: string | null | undefined): Unit {
    if (!territoryCode) return this.#ministry;
    return (
      this.#bodyByTerritory.get(territoryCode) ??
      this.#bodyByTerritory.get(territoryCode.slice(0, 4)) ??
      this.#ministry
    );
  }

  /** The body a unit belongs to: itself for a body, its parent for a service. */
  bodyOf(unit: Unit): Unit {
    if (unit.level !== 'service') return unit;
    const parent = unit.parentId === null ? undefined : this.#byId.get(unit.parentId);
    return parent ?? this.#ministry;
  }

  /** The service unit of a given kind inside a body, if the body has one. */
  serviceOf(body: Unit, service: string): Unit | undefined {
    return (this.#children.get(body.id) ?? []).find(
      (u) => u.level === 'service' && u.service === service && u.active,
    );
  }

  /** The body one level up (department → directorate → ministry); the ministry has none above it. */
  parentBody(body: Unit): Unit {
    const parent = body.parentId === null ? undefined : this.#byId.get(body.parentId);
    return parent ? this.bodyOf(parent) : this.#ministry;
  }

  /** The units directly below a unit, in the order the tree lists them. */
  children(unitId: number): Unit[] {
    return this.#children.get(unitId) ?? [];
  }

  /** Ids of the unit and everything below it. */
  subtreeIds(unitId: number): number[] {
    const out: number[] = [];
    const stack = [unitId];
    while (stack.length > 0) {
      const id = stack.pop();
      if (id === undefined) break;
      out.push(id);
      for (const child of this.#children.get(id) ?? []) stack.push(child.id);
    }
    return out;
  }

  /** Ids of the unit and every unit above it, nearest first. */
  ancestorIds(unitId: number): number[] {
    const out: number[] = [];
    let current = this.#byId.get(unitId);
    while (current) {
      out.push(current.id);
      current = current.parentId === null ? undefined : this.#byId.get(current.parentId);
    }
    return out;
  }

  /** True when `unitId` is `ancestorId` or lies below it. */
  isWithin(unitId: number, ancestorId: number): boolean {
    return this.ancestorIds(unitId).includes(ancestorId);
  }
}
