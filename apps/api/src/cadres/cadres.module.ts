import { Module } from '@nestjs/common';
import { CadreListController } from './cadre-list.controller';

@Module({ controllers: [CadreListController] })
export class CadresModule {}
