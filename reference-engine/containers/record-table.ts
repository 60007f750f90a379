import { Conflict, InvalidArgument, NotFound } from '../errors.js';
import type { ContainerRecord } from './types.js';

/**
 * The in-memory index of records: by id and by name. Names are reserved before a create does any work,
 * so two concurrent creates of one name get one 201 and one 409.
 */
export class RecordTable {
  private readonly byId = new Map<string, ContainerRecord>();
  private readonly names = new Map<string, string>();

  add(record: ContainerRecord): void {
    this.byId.set(record.id, record);
    this.names.set(record.name, record.id);
  }

  delete(id: string): void {
    const record = this.byId.get(id);
    if (!record) return;
    this.byId.delete(id);
    if (this.names.get(record.name) === id) this.names.delete(record.name);
  }

  /** Reserves `name` (canonical, with '/') for `id`; Conflict with dockerd's message when taken. */
  reserveName(name: string, id: string): void {
    const holder = this.names.get(name);
    if (holder !== undefined && holder !== id)
      throw new Conflict(
        `Conflict. The container name "${name}" is already in use by container "${holder}". You have to remove (or rename) that container to be able to reuse that name.`,
      );
    this.names.set(name, id);
  }

  releaseName(name: string, id: string): void {
    if (this.names.get(name) === id) this.names.delete(name);
  }

  nameTaken(name: string): boolean {
    return this.names.has(name);
  }

  values(): ContainerRecord[] {
    return [...this.byId.values()];
  }

  byFullId(id: string): ContainerRecord | undefined {
    return this.byId.get(id);
  }

  /** dockerd's lookup order: full id, then name, then a unique id prefix. */
  find(idOrName: string): ContainerRecord | undefined {
    if (idOrName === '') return undefined;
    const exact = this.byId.get(idOrName);
    if (exact) return exact;
    const named = this.names.get(idOrName.startsWith('/') ? idOrName : `/${idOrName}`);
    if (named !== undefined) return this.byId.get(named);
    if (!/^[0-9a-f]+$/.test(idOrName)) return undefined;
    let found: ContainerRecord | undefined;
    for (const [id, record] of this.byId) {
      if (!id.startsWith(idOrName)) continue;
      if (found) throw new InvalidArgument(`multiple IDs found with provided prefix: ${idOrName}`);
      found = record;
    }
    return found;
  }

  get(idOrName: string): ContainerRecord {
    const record = this.find(idOrName);
    if (!record) throw new NotFound(`No such container: ${idOrName}`);
    return record;
  }
}
