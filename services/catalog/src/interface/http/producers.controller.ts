import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  AppError,
  AUTH_ERROR_CODES,
  CurrentPrincipal,
  type Principal,
  Roles,
} from '@simpul/platform';
import { ProducerRegistry } from '../../application/producer/producer-registry';
import type { Producer } from '../../domain/producer/producer';
import {
  RegisterProducerRequestDto,
  StatusChangeRequestDto,
  SuspendRequestDto,
} from './dto/register-producer.request.dto';

@ApiTags('producers')
@Controller('producers')
export class ProducersController {
  constructor(private readonly producers: ProducerRegistry) {}

  @Post()
  @Roles('btc-operator')
  @ApiOperation({ summary: 'Register a Blitar producer (UMKM); it starts pending verification' })
  async register(@Body() body: RegisterProducerRequestDto): Promise<Producer> {
    return this.producers.register({ ...body, nkvNumber: body.nkvNumber ?? null });
  }

  @Get()
  @Roles('btc-operator', 'platform-admin')
  @ApiOperation({ summary: 'All registered producers' })
  async list(): Promise<Producer[]> {
    return this.producers.list();
  }

  @Get(':id')
  @Roles('btc-operator', 'platform-admin', 'producer')
  @ApiOperation({ summary: 'One producer (a producer sees only itself)' })
  async findOne(
    @Param('id', new ParseUUIDPipe()) id: string,
    @CurrentPrincipal() actor: Principal,
  ): Promise<Producer> {
    if (actor.role === 'producer' && actor.tenantId !== id) {
      throw new AppError(AUTH_ERROR_CODES.forbidden, 'a producer may see only itself', 403);
    }
    return this.producers.require(id);
  }

  @Post(':id/verify')
  @HttpCode(200)
  @Roles('btc-operator')
  @ApiOperation({ summary: 'Verify (or reinstate) a producer: it may publish offers' })
  async verify(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: StatusChangeRequestDto,
    @CurrentPrincipal() actor: Principal,
  ): Promise<Producer> {
    return this.producers.verify(id, body.reason ?? null, actor);
  }

  @Post(':id/suspend')
  @HttpCode(200)
  @Roles('btc-operator')
  @ApiOperation({ summary: 'Suspend a producer, with a reason: it may no longer publish offers' })
  async suspend(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: SuspendRequestDto,
    @CurrentPrincipal() actor: Principal,
  ): Promise<Producer> {
    return this.producers.suspend(id, body.reason, actor);
  }
}
