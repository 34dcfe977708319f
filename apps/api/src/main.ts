import 'reflect-metadata';
import { Injectable } from '@nestjs/common';
import { HELLO } from '@app/common';
@Injectable()
class A { constructor() {} }
console.log(HELLO, A.name);
