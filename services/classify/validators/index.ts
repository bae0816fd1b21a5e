/**
 * Check-digit and structure validators, by the name catalog rows use in `validator`. Each takes the value already
 * normalised as its row says (digits only, upper-case alphanumerics, or trimmed text) and answers whether it is a
 * well-formed identifier. All are pure and allocation-light: they run on every candidate match.
 */
import { aba } from "./aba.js";
import { italyCin } from "./italy-cin.js";
import { bankAccountNumber } from "./bank-account-number.js";
import { spainCcc } from "./spain-ccc.js";
import { ribKey } from "./rib-key.js";
import { basicAuth } from "./basic-auth.js";
import { awsSecretAccessKey } from "./aws-secret-access-key.js";
import { belgiumNationalNumber } from "./belgium-national-number.js";
import { calendarDate } from "./calendar-date.js";
import { cif } from "./cif.js";
import { cnpj } from "./cnpj.js";
import { codiceFiscale } from "./codice-fiscale.js";
import { cpf } from "./cpf.js";
import { creditCard } from "./credit-card.js";
import { cuit } from "./cuit.js";
import { curp } from "./curp.js";
import { dea } from "./dea.js";
import { dniLetter } from "./dni-letter.js";
import { elfproef } from "./elfproef.js";
import { emailAddress } from "./email-address.js";
import { gs1, udiGtin } from "./gs1.js";
import { hetu } from "./hetu.js";
import { hicn } from "./hicn.js";
import { germanDocumentNumber } from "./icao-check-digit.js";
import { indiaDrivingLicence } from "./india-driving-licence.js";
import { inseeKey } from "./insee-key.js";
import { itin } from "./itin.js";
import { jwt } from "./jwt.js";
import { latitudeLongitude } from "./latitude-longitude.js";
import { luhn } from "./luhn.js";
import { mbi } from "./mbi.js";
import { mod97 } from "./mod97.js";
import { ndc } from "./ndc.js";
import { nhsMod11 } from "./nhs-mod11.js";
import { nif } from "./nif.js";
import { nino } from "./nino.js";
import { npi } from "./npi.js";
import { pan } from "./pan.js";
import { personnummer } from "./personnummer.js";
import { pesel } from "./pesel.js";
import { spiMod511 } from "./spi-mod511.js";
import { portugalNif } from "./portugal-nif.js";
import { rut } from "./rut.js";
import { sin } from "./sin.js";
import { ssn } from "./ssn.js";
import { steuerId } from "./steuer-id.js";
import { tfn } from "./tfn.js";
import { verhoeff } from "./verhoeff.js";
import { vin } from "./vin.js";

export type Validator = (normalized: string) => boolean;

export const validators: Readonly<Record<string, Validator>> = {
  aba,
  italyCin,
  bankAccountNumber,
  spainCcc,
  ribKey,
  basicAuth,
  awsSecretAccessKey,
  belgiumNationalNumber,
  calendarDate,
  cif,
  cnpj,
  codiceFiscale,
  cpf,
  creditCard,
  cuit,
  curp,
  dea,
  dniLetter,
  elfproef,
  emailAddress,
  germanDocumentNumber,
  gs1,
  hetu,
  hicn,
  indiaDrivingLicence,
  inseeKey,
  itin,
  jwt,
  latitudeLongitude,
  luhn,
  mbi,
  mod97,
  ndc,
  nhsMod11,
  nif,
  nino,
  npi,
  pan,
  personnummer,
  pesel,
  spiMod511,
  portugalNif,
  rut,
  sin,
  ssn,
  steuerId,
  tfn,
  udiGtin,
  verhoeff,
  vin,
};
