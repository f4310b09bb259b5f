/**
 * The Archiefwet in the hub: Selectielijst 2020 terms, the archiefactiedatum of each record, the
 * destruction job and the destruction requests of the persons concerned. Owns vernietiging,
 * vernietigingsverzoek and bewaartermijn_achterstand (retention/migrations).
 */
export { RetentionEngine } from './engine';
export { destructionRecords, isRequestableDomain, openRequestCount, registerDestructionRequest, retentionBacklog, type DestructionRecord } from './requests';
