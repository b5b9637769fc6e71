import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@simpul/platform';
import { FleetHandler, type VehicleView } from '../../application/fleet/fleet.handler';
import { CreateVehicleDto, VehicleServiceDto } from './dto/shipment-updates.request.dto';

@ApiTags('fleet')
@Controller()
export class FleetController {
  constructor(private readonly fleet: FleetHandler) {}

  @Get('vehicles')
  @Roles('btc-operator', 'platform-admin', 'analyst', 'driver')
  @ApiOperation({ summary: 'The fleet at BTC Blitar' })
  async vehicles(): Promise<VehicleView[]> {
    return this.fleet.vehicles();
  }

  @Post('vehicles')
  @Roles('btc-operator', 'platform-admin')
  @ApiOperation({ summary: 'Add a vehicle' })
  async add(@Body() body: CreateVehicleDto): Promise<VehicleView> {
    return this.fleet.add({ ...body, inService: body.inService ?? true });
  }

  @Patch('vehicles/:plate')
  @Roles('btc-operator', 'platform-admin')
  @ApiOperation({ summary: 'Take a vehicle out of service or back in' })
  async setInService(
    @Param('plate') plate: string,
    @Body() body: VehicleServiceDto,
  ): Promise<VehicleView> {
    return this.fleet.setInService(plate, body.inService);
  }

  @Get('routes')
  @Roles('btc-operator', 'platform-admin', 'analyst', 'driver', 'bumd')
  @ApiOperation({ summary: 'Routes from BTC Blitar to each destination, road and rail' })
  async routes(): Promise<unknown[]> {
    return this.fleet.routes();
  }
}
