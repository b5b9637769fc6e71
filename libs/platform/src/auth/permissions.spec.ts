import 'reflect-metadata';
import { Controller, Get, Post } from '@nestjs/common';
import { Public, Roles } from './auth.decorators';
import {
  definePermissions,
  discoverRoutes,
  joinRoutePath,
  permissionTableProblems,
  withPermissions,
} from './permissions';

@Controller('things')
class ThingsController {
  @Get()
  @Roles('btc-operator', 'analyst')
  list() {
    return 'list';
  }

  @Get(':id')
  @Roles('btc-operator', 'bumd')
  one() {
    return 'one';
  }

  @Post(':id/archive')
  @Roles('btc-operator')
  archive() {
    return 'archive';
  }
}

@Public()
@Controller()
class OpenController {
  @Get('health/live')
  live() {
    return 'live';
  }
}

const complete = definePermissions({
  'GET /things': { roles: ['analyst', 'btc-operator'], tenant: 'any' },
  'GET /things/:id': {
    roles: ['btc-operator', 'bumd'],
    tenant: 'own',
    own: { roles: ['bumd'], object: 'order', via: 'path:id' },
  },
  'POST /things/:id/archive': { roles: ['btc-operator'], tenant: 'any' },
});
const routes = () => discoverRoutes([ThingsController, OpenController]);
const withoutPlatform = (problems: string[]) =>
  problems.filter((p) => !/GET \/health\/ready|GET \/metrics|GET \/event-log/.test(p));

describe('permission table', () => {
  it('finds routes as Nest registers them', () => {
    expect(routes().map((r) => r.key)).toEqual([
      'GET /things',
      'GET /things/:id',
      'POST /things/:id/archive',
      'GET /health/live',
    ]);
    expect(joinRoutePath('/', '')).toBe('/');
    expect(joinRoutePath('a/', '/b/:id/')).toBe('/a/b/:id');
  });

  it('accepts a complete table that agrees with the decorators', () => {
    expect(withoutPlatform(permissionTableProblems(routes(), complete))).toEqual([]);
  });

  it('names a route that has no entry', () => {
    const { 'POST /things/:id/archive': _missing, ...rest } = complete;
    expect(withoutPlatform(permissionTableProblems(routes(), rest))).toEqual([
      expect.stringMatching(
        /^POST \/things\/:id\/archive \(ThingsController\.archive\) has no entry/,
      ),
    ]);
  });

  it('names an entry whose roles differ from @Roles, and an entry without a route', () => {
    const problems = permissionTableProblems(
      routes(),
      definePermissions({
        ...complete,
        'GET /things': { roles: ['analyst'], tenant: 'any' },
        'DELETE /things/:id': { roles: ['btc-operator'], tenant: 'any' },
      }),
    );
    expect(withoutPlatform(problems)).toEqual([
      expect.stringMatching(
        /^GET \/things \(ThingsController\.list\): @Roles\(btc-operator, analyst\) differs/,
      ),
      'DELETE /things/:id is in the permission table but the app registers no such route',
    ]);
  });

  it('refuses a public entry on a route that requires a token, and the reverse', () => {
    const problems = permissionTableProblems(routes(), {
      ...complete,
      'GET /things': { tenant: 'public' },
      'GET /health/live': { roles: ['analyst'], tenant: 'any' },
    });
    expect(withoutPlatform(problems)).toEqual([
      'GET /things (ThingsController.list) is public in the table but not @Public()',
      'GET /health/live (OpenController.live) is @Public() but the table requires roles',
    ]);
  });

  it('puts the table into the OpenAPI document', () => {
    const document = withPermissions({ paths: { '/things/{id}': { get: {} } } }, complete);
    expect(document.paths['/things/{id}'].get).toEqual({
      'x-simpul-access': complete['GET /things/:id'],
    });
    const table = (document as unknown as Record<string, object>)['x-simpul-permissions'];
    expect(Object.keys(table)).toContain('GET /metrics');
  });
});
