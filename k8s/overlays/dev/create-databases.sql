-- runs once, when the data volume is first initialised: one database per service
CREATE DATABASE tickets;
CREATE DATABASE incidents;
CREATE DATABASE escalation;
