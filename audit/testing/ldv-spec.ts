import Ajv from 'ajv';
import addFormats from 'ajv-formats';

/*
 * What the Logboek Dataverwerkingen "lezen" extension says an answer looks like, for the tests of
 * audit/ldv.ts: the constraints of its OpenAPI ("LDV lezen API" 1.1.0, media/openapi.json and
 * media/attributes.schema.json of github.com/Logius-standaarden/logboek-extensie-lezen at
 * 2606600884c31947515826103e2cbd573e0614da, 2026-06-15) and of the API Design Rules' problem JSON
 * it refers to, restated as JSON Schema: required fields, types, formats, patterns, the status
 * enumeration. Descriptions and examples are left out. Restated rather than loaded because the
 * published openapi.json does not parse (a comma is missing after `_comment` in Attributes) and
 * refers to schemas by URL.
 */

const traceId = { type: 'string', format: 'uuid' };
const time = { type: 'integer', format: 'int64' };
const spanId = { type: 'string', pattern: '^[0-9a-fA-F]{16}$' };

/** components.schemas.Attributes (attributes.schema.json): no property required, others allowed. */
const attributes = {
  type: 'object',
  properties: {
    'dpl.core.processing_activity_id': { type: 'string', format: 'uri' },
    'dpl.core.data_subject_id': { type: 'string' },
    'dpl.core.data_subject_id_type': { type: 'string' },
    'dpl.core.foreign_operation.processor': { type: 'string', format: 'uri' },
  },
};

/** components.schemas.ProcessingActivity. */
const processingActivity = {
  type: 'object',
  required: ['traceId', 'spanId', 'status', 'name', 'startTime', 'endTime'],
  properties: {
    traceId,
    startTime: time,
    endTime: time,
    spanId,
    status: { type: 'string', enum: ['Unset', 'Ok', 'Error'] },
    name: { type: 'string' },
    parentSpanId: spanId,
    resource: { type: 'object', properties: { attributes: {} } },
    attributes,
  },
};

/** responses.ProcessingActivitiesResponse: components.schemas.ListProcessingActivities. */
export const LIST_SCHEMA = {
  type: 'object',
  required: ['processingActivities'],
  properties: { processingActivities: { type: 'array', items: processingActivity } },
};

/** requestBodies.ProcessingActivityRequest: the attributes and traceId, startTime, endTime; at least one property. */
export const REQUEST_SCHEMA = {
  type: 'object',
  allOf: [attributes, { type: 'object', properties: { traceId, startTime: time, endTime: time } }],
  minProperties: 1,
};

/** responses.BadRequest and Unauthorized: problem JSON of the API Design Rules. */
export const PROBLEM_SCHEMA = {
  type: 'object',
  required: ['status', 'title'],
  properties: {
    status: { type: 'integer' },
    title: { type: 'string' },
    errors: {
      type: 'array',
      items: {
        type: 'object',
        required: ['in', 'location', 'code', 'detail'],
        properties: { in: { type: 'string', enum: ['body', 'query'] }, location: { type: 'string' }, code: { type: 'string' }, detail: { type: 'string' } },
      },
    },
  },
};

/**
 * The OpenAPI's own example values, put together into one log record (each property's `example`;
 * `resource` has none). Its example subject id is not in the 999 test range: a test BSN stands
 * in for it here.
 */
export const SPEC_EXAMPLE_RECORD = {
  traceId: 'ef4e77b9-b03b-585f-b613-5fcf8d8555fb',
  startTime: 1764068470669,
  endTime: 1764068470669,
  spanId: 'beb0291b5162d850',
  status: 'Ok',
  name: 'verwerken van gegevens',
  parentSpanId: 'beb0291b5162d850',
  attributes: {
    'dpl.core.processing_activity_id': 'http://boerenkoolstronkerade.el/verwerkingenregister',
    'dpl.core.data_subject_id': '999990019',
    'dpl.core.data_subject_id_type': 'BSN',
  },
};

/** Validators for the schemas above: Ajv with the formats the OpenAPI names (uuid, uri, int64). */
export function specValidators() {
  const ajv = new Ajv({ allErrors: true, strict: true });
  addFormats(ajv);
  return {
    list: ajv.compile(LIST_SCHEMA),
    record: ajv.compile(processingActivity),
    request: ajv.compile(REQUEST_SCHEMA),
    problem: ajv.compile(PROBLEM_SCHEMA),
  };
}
