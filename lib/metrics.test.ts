import { OperationLabels, OTHER, NONE, roleLabel } from './metrics';
import { statementName } from './tracing';

describe('OperationLabels', () => {
  it('keeps safe names, up to the cap, and counts the rest as other', () => {
    const labels = new OperationLabels(2);
    expect(labels.label('WmoOverzicht')).toBe('WmoOverzicht');
    expect(labels.label('Huishouden')).toBe('Huishouden');
    expect(labels.label('Derde')).toBe(OTHER);
    // Names already seen stay themselves past the cap.
    expect(labels.label('WmoOverzicht')).toBe('WmoOverzicht');
    expect(labels.label(undefined)).toBe(NONE);
  });

  it('never lets a run of digits (a BSN, a date) or an odd character become a label', () => {
    const labels = new OperationLabels();
    for (const name of ['Persoon_999990019', 'Dossier20260101', 'x'.repeat(65), 'naam"}', 'Jan Jansen']) expect(labels.label(name)).toBe(OTHER);
    expect(labels.label('Stap123')).toBe('Stap123');
  });
});

describe('roleLabel', () => {
  it('is the role, the roles in one order, or none', () => {
    expect(roleLabel(['regisseur'])).toBe('regisseur');
    expect(roleLabel(['wmo-consulent', 'jeugd-consulent'])).toBe('jeugd-consulent+wmo-consulent');
    expect(roleLabel(undefined)).toBe(NONE);
  });
});

describe('statementName', () => {
  it('names a statement by its kind and first table, never by a literal', () => {
    expect(statementName('SELECT * FROM dossier_record WHERE bsn = ANY($1)')).toBe('SELECT dossier_record');
    expect(statementName("  insert into audit_record (id) values ('999990019')")).toBe('INSERT audit_record');
    expect(statementName("SELECT '999990019'")).toBe('SELECT');
    expect(statementName('WITH x AS (SELECT 1) UPDATE sync_state SET a = 1')).toBe('WITH sync_state');
  });
});
