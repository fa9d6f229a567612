import Ajv2020Module from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { collectExamples, loadSpec } from './load-spec.js';

// Both packages are CommonJS with a `default` export; under NodeNext the class sits on `.default`.
const Ajv2020 = Ajv2020Module.default;
const addFormats = addFormatsModule.default;

const SPEC_ID = 'https://digitalpaye.test/openapi.json';

function validatorFor(doc: unknown) {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema(doc as object, SPEC_ID);
  return (schema: object, value: unknown) => {
    const rebased = JSON.parse(
      JSON.stringify(schema).replaceAll('"$ref":"#/', `"$ref":"${SPEC_ID}#/`),
    );
    const validate = ajv.compile(rebased);
    const ok = validate(value);
    return ok ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`);
  };
}

describe('examples in spec/openapi.yaml', () => {
  const doc = loadSpec();
  const check = validatorFor(doc);
  const cases = collectExamples(doc);

  it('covers every response, request body and parameter example', () => {
    const wheres = cases.map((c) => c.where);
    expect(wheres).toContain('#/components/parameters/XEnvironment/example');
    expect(wheres).toContain(
      '#/paths/~1v1~1customer/post/requestBody/content/application~1json/examples/customer',
    );
    expect(wheres).toContain(
      '#/paths/~1v1~1auth/post/responses/200/content/application~1json/examples/token',
    );
    expect(cases.length).toBeGreaterThanOrEqual(10);
  });

  it.each(cases.map((c) => [c.where, c]))('%s matches its schema', (_where, example) => {
    expect(check(example.schema, example.value)).toEqual([]);
  });

  it('rejects an example that breaks its schema', () => {
    const broken = structuredClone(doc);
    broken.components.examples.CustomerResponse.value.data.id = 42;
    const failures = collectExamples(broken)
      .map((c) => ({ where: c.where, errors: check(c.schema, c.value) }))
      .filter((c) => c.errors.length > 0);
    expect(failures.map((f) => f.where)).toContain(
      '#/paths/~1v1~1customer/post/responses/200/content/application~1json/examples/customer',
    );
  });
});
