import 'reflect-metadata';
import { runService } from '@simpul/platform';
import { CatalogModule } from './app.module';
import { CatalogConfig } from './config/catalog.config';

void runService({
  name: 'catalog',
  description: 'Producers (UMKM), commodities and supply offers of the Blitar Trade Center hub.',
  configClass: CatalogConfig,
  module: (config) => CatalogModule.forRoot(config),
});
