import { Module } from '@nestjs/common';
import { CadreListController } from './cadre-list.controller';
import { ImportTemplateController } from '../import/import-template.controller';

@Module({ controllers: [CadreListController, ImportTemplateController] })
export class CadresModule {}
